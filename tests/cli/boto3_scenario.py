"""boto3 against the server: paginators and modeled exception classes.

    python tests/cli/boto3_scenario.py http://127.0.0.1:PORT

Expects a fresh world (tests/cli/run.sh resets it first). Prints one line per
check and a closing "boto3: N passed, N failed"; exits non-zero on a failure.
"""

import json
import sys
import urllib.request

import boto3
import botocore.exceptions

ENDPOINT = sys.argv[1]
MANAGEMENT = "111111111111"
results = {"passed": 0, "failed": 0}


def client(access_key_id="AKIAIOSFODNN7EXAMPLE"):
    """A client calling as the account its access key id names (12 digits),
    or as the default account for any other key."""
    return boto3.client(
        "organizations",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id=access_key_id,
        aws_secret_access_key="dummy-secret",
    )


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print(f"  ok   {name}")
    else:
        results["failed"] += 1
        print(f"  FAIL {name} {detail}")


def expect(name, exception_class, call, reason=None):
    """`call` must raise the modeled `exception_class` (with `reason`, if given)."""
    try:
        call()
    except exception_class as e:
        got = e.response.get("Reason")
        check(
            f"{name}: {e.response['Error']['Code']}" + (f" {got}" if got else ""),
            reason is None or got == reason,
            f"expected Reason {reason}, got {got}",
        )
        return e
    except botocore.exceptions.ClientError as e:
        check(name, False, f"raised {e.response['Error']['Code']}, not {exception_class.__name__}")
    else:
        check(name, False, f"no {exception_class.__name__} was raised")


def main():
    print(f"-- boto3 scenario against {ENDPOINT}")
    org = client()
    errors = org.exceptions

    created = org.create_organization(FeatureSet="ALL")["Organization"]
    check("create_organization as the default account", created["MasterAccountId"] == MANAGEMENT)
    root = org.list_roots()["Roots"][0]["Id"]

    # OUs nest at most five levels under the root.
    parent, chain = root, []
    for depth in range(1, 6):
        ou = org.create_organizational_unit(ParentId=parent, Name=f"level-{depth}")["OrganizationalUnit"]
        chain.append(ou["Id"])
        parent = ou["Id"]
    check("five nested OUs", len(chain) == 5)
    expect(
        "a sixth level",
        errors.ConstraintViolationException,
        lambda: org.create_organizational_unit(ParentId=parent, Name="level-6"),
        reason="OU_DEPTH_LIMIT_EXCEEDED",
    )
    expect(
        "a duplicate OU name",
        errors.DuplicateOrganizationalUnitException,
        lambda: org.create_organizational_unit(ParentId=root, Name="level-1"),
    )
    expect(
        "an OU that does not exist",
        errors.OrganizationalUnitNotFoundException,
        lambda: org.describe_organizational_unit(OrganizationalUnitId="ou-zzzz-zzzzzzzz"),
    )

    # Seven member accounts, then every paginator walks them in pages.
    member_ids = []
    for i in range(7):
        request = org.create_account(Email=f"member{i}@example.com", AccountName=f"member{i}")
        status = org.describe_create_account_status(
            CreateAccountRequestId=request["CreateAccountStatus"]["Id"]
        )["CreateAccountStatus"]
        member_ids.append(status["AccountId"])
    check("create_account x7 succeeded", all(member_ids))

    pages = list(org.get_paginator("list_accounts").paginate(PaginationConfig={"PageSize": 3}))
    ids = [a["Id"] for page in pages for a in page["Accounts"]]
    check("list_accounts paginator: 3 pages of at most 3", [len(p["Accounts"]) for p in pages] == [3, 3, 2], pages)
    check("list_accounts paginator: all 8 accounts, once each", sorted(ids) == sorted([MANAGEMENT] + member_ids))

    limited = org.get_paginator("list_accounts").paginate(PaginationConfig={"PageSize": 2, "MaxItems": 5})
    check("list_accounts paginator with MaxItems 5", len(limited.build_full_result()["Accounts"]) == 5)

    children = org.get_paginator("list_children").paginate(
        ParentId=root, ChildType="ACCOUNT", PaginationConfig={"PageSize": 2}
    )
    check("list_children paginator: the root holds all 8 accounts", len(children.build_full_result()["Children"]) == 8)

    for i in range(4):
        org.create_organizational_unit(ParentId=root, Name=f"team-{i}")
    ous = org.get_paginator("list_organizational_units_for_parent").paginate(
        ParentId=root, PaginationConfig={"PageSize": 2}
    )
    names = sorted(ou["Name"] for ou in ous.build_full_result()["OrganizationalUnits"])
    check("list_organizational_units_for_parent paginator", names == ["level-1", "team-0", "team-1", "team-2", "team-3"], names)

    # The caller rule: a 12-digit access key id calls as that account.
    member = client(member_ids[0])
    described = member.describe_organization()["Organization"]
    check("a member reads its organization", described["Id"] == created["Id"])
    expect("a member listing the accounts", errors.AccessDeniedException, member.list_accounts)
    outsider = client("999999999999")
    expect(
        "an account outside any organization",
        errors.AWSOrganizationsNotInUseException,
        outsider.describe_organization,
    )

    calls = json.load(urllib.request.urlopen(ENDPOINT + "/_mock/calls"))
    by_member = [c for c in calls if c["caller"] == member_ids[0]]
    check(
        "GET /_mock/calls: the member's two calls, as the member",
        [(c["operation"], c["error_code"]) for c in by_member]
        == [("DescribeOrganization", None), ("ListAccounts", "AccessDeniedException")],
        by_member,
    )

    print(f"boto3: {results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
