-- wrk script: DescribeOrganization over keep-alive connections (see benches/server.sh).
wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSOrganizationsV20161128.DescribeOrganization"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0"
wrk.body = "{}"
