//! `aws-organizations-mock`: serves an in-memory AWS Organizations over HTTP
//! for the AWS CLI, boto3, Terraform and any other SDK.
//!
//! ```sh
//! cargo run --features server --bin aws-organizations-mock -- --port 4566
//! ```

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use aws_organizations_mock::{CreateAccountCompletion, MockOrganizations, ServerOptions};

/// How long a stop (Ctrl-C, SIGTERM) waits for requests in flight; past it
/// (and a second more) the process exits whatever state it is in.
const GRACE: Duration = Duration::from_secs(5);

const USAGE: &str = "\
Usage: aws-organizations-mock [OPTIONS]

Serves an in-memory AWS Organizations over HTTP (awsJson1.1, like AWS).

Options:
  --port PORT              port to listen on (default 4566; 0 = any free port)
  --bind ADDR              address to listen on (default 127.0.0.1)
  --allow-non-loopback     required to --bind an address that is not loopback:
                           the mock has no authentication, anyone who reaches it
                           can change its world
  --default-account ID     the 12-digit account that calls with a non-numeric
                           access key and becomes the management account
                           (default 111111111111)
  --default-email EMAIL    that account's email (default management@example.com)
  --seed N                 seed of the ID generator (default: the library's)
  --start-time now|SECS     where the mock's clock starts: now, or seconds since
                           the Unix epoch (default 2025-01-01T00:00:00Z). Use
                           `now` when tools check the expiry of credentials
                           STS AssumeRole hands out against their own clock
  --create-account-completion immediate|after:SECS|polls:N
                           when a CreateAccount request completes: at once
                           (default), once SECS seconds have passed on the
                           mock's clock (POST /_mock/clock moves it), or on the
                           Nth DescribeCreateAccountStatus call
  --max-recorded-calls N   calls kept for GET /_mock/calls, the oldest dropped
                           first (default 10000)
  --header-read-timeout S  seconds a client has to send a request's head, and
                           again its body (default 10)
  --idle-timeout S         seconds an idle keep-alive connection stays open
                           (default 30)
  --max-connections N      connections served at once; more wait (default 512)
  --allow-host NAME        another Host name the server answers to
                           (default: loopback names only); repeatable
  -h, --help               this help

Callers: an access key id of exactly 12 digits calls as that account; an
ASIA... key from STS AssumeRole (also served, with GetCallerIdentity) calls as
the role's account; any other access key id calls as the default account.
API calls: POST / (X-Amz-Target for Organizations, a form body for STS); other
methods and paths get 404/405.
Control: POST /_mock/reset (fresh empty world), GET /_mock/calls?since=SEQ&limit=N
(recorded calls), GET /_mock/snapshot (the world as JSON), POST /_mock/snapshot
(load one; an impossible world gets 400), POST /_mock/fixture (build an
OrgFixture given as JSON), POST /_mock/guardrails (what the SCPs and RCPs
say), POST /_mock/rules (a fault-injection rule as JSON), GET /_mock/rules,
DELETE /_mock/rules/ID, DELETE /_mock/rules, GET /_mock/verify (200 when every
rule was met, 409 with why not), GET /_mock/clock, POST /_mock/clock
({\"advance_seconds\": N}). Requests from browsers (Origin header) or under a
foreign Host, operations and control requests alike, get 403.
Prints one line with the endpoint when ready; stops on Ctrl-C or SIGTERM, within
5 seconds whatever is in flight. Serves with one worker thread per core; set
TOKIO_WORKER_THREADS=N for another number (1 suits a machine of 2 cores that also
runs the clients).";

#[derive(Debug)]
struct Options {
    port: u16,
    bind: IpAddr,
    allow_non_loopback: bool,
    default_account: String,
    default_email: String,
    seed: Option<u64>,
    max_recorded_calls: usize,
    server: ServerOptions,
    start_time: Option<std::time::SystemTime>,
    create_account_completion: Option<CreateAccountCompletion>,
}

enum Parsed {
    Run(Options),
    Help,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut options = Options {
        port: 4566,
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        allow_non_loopback: false,
        default_account: "111111111111".to_string(),
        default_email: "management@example.com".to_string(),
        seed: None,
        max_recorded_calls: 10_000,
        server: ServerOptions::default(),
        start_time: None,
        create_account_completion: None,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // Both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs {what}"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--port" => {
                let v = value("a port number")?;
                options.port = v
                    .parse()
                    .map_err(|_| format!("--port: '{v}' is not a port number (0-65535)"))?;
            }
            "--bind" => {
                let v = value("an IP address")?;
                options.bind = v
                    .parse()
                    .map_err(|_| format!("--bind: '{v}' is not an IP address, e.g. 127.0.0.1 or ::1"))?;
            }
            "--allow-non-loopback" if inline.is_none() => options.allow_non_loopback = true,
            "--default-account" => {
                let v = value("a 12-digit account id")?;
                if v.len() != 12 || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!(
                        "--default-account: '{v}' is not an AWS account id (exactly 12 digits)"
                    ));
                }
                options.default_account = v;
            }
            "--default-email" => options.default_email = value("an email address")?,
            "--seed" => {
                let v = value("a number")?;
                options.seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed: '{v}' is not a non-negative integer"))?,
                );
            }
            "--start-time" => {
                let v = value("now or seconds since the Unix epoch")?;
                options.start_time = Some(match v.as_str() {
                    "now" => std::time::SystemTime::now(),
                    secs => {
                        let secs: u64 = secs.parse().map_err(|_| {
                            format!("--start-time: '{v}' is neither 'now' nor seconds since the Unix epoch")
                        })?;
                        std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)
                    }
                });
            }
            "--create-account-completion" => {
                let v = value("immediate, after:SECS or polls:N")?;
                options.create_account_completion = Some(create_account_completion(&v)?);
            }
            "--max-recorded-calls" => {
                let v = value("a number")?;
                options.max_recorded_calls = v
                    .parse()
                    .map_err(|_| format!("--max-recorded-calls: '{v}' is not a non-negative integer"))?;
            }
            "--header-read-timeout" | "--idle-timeout" => {
                let v = value("a number of seconds")?;
                let seconds: u64 = v
                    .parse()
                    .ok()
                    .filter(|s| (1..=86_400).contains(s))
                    .ok_or_else(|| format!("{flag}: '{v}' is not a number of seconds from 1 to 86400"))?;
                let timeout = Duration::from_secs(seconds);
                options.server = if flag == "--idle-timeout" {
                    options.server.idle_timeout(timeout)
                } else {
                    options.server.header_read_timeout(timeout)
                };
            }
            "--max-connections" => {
                let v = value("a number")?;
                let max: usize = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--max-connections: '{v}' is not a positive integer"))?;
                options.server = options.server.max_connections(max);
            }
            "--allow-host" => {
                let v = value("a host name")?;
                options.server = options.server.allow_host(&v);
            }
            _ => return Err(format!("unknown argument '{arg}'")),
        }
    }
    if !options.bind.is_loopback() && !options.allow_non_loopback {
        return Err(format!(
            "--bind {} is not a loopback address; the mock has no authentication, so add --allow-non-loopback if you really mean it",
            options.bind
        ));
    }
    Ok(Parsed::Run(options))
}

fn mock_of(options: &Options) -> MockOrganizations {
    // Always set: `--default-email` alone changes the default account's email.
    let mut builder = MockOrganizations::builder()
        .default_account(&options.default_account, &options.default_email)
        .max_recorded_calls(options.max_recorded_calls);
    if let Some(seed) = options.seed {
        builder = builder.seed(seed);
    }
    if let Some(at) = options.start_time {
        builder = builder.start_time(at);
    }
    if let Some(completion) = &options.create_account_completion {
        builder = builder.create_account_completion(completion.clone());
    }
    builder.build()
}

/// `--create-account-completion`'s value: `immediate`, `after:SECS` or `polls:N`.
fn create_account_completion(v: &str) -> Result<CreateAccountCompletion, String> {
    let bad = || {
        format!(
            "--create-account-completion: '{v}' is not immediate, after:SECS (e.g. after:300) or polls:N (N from 1)"
        )
    };
    match v.split_once(':') {
        None if v == "immediate" => Ok(CreateAccountCompletion::Immediate),
        Some(("after", secs)) => secs
            .parse::<u64>()
            .ok()
            .filter(|s| *s <= 366 * 86_400)
            .map(|s| CreateAccountCompletion::After(Duration::from_secs(s)))
            .ok_or_else(bad),
        Some(("polls", n)) => n
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(CreateAccountCompletion::AfterPolls)
            .ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Installs the handlers of Ctrl-C and SIGTERM at once (inside a runtime's
/// context) and returns what resolves on either. Installed before the server
/// says it is ready, so that no signal sent from then on kills the process
/// untidily.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = interrupt.recv() => {}
        }
    })
}

/// Resolves on Ctrl-C.
#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

async fn run(options: Options, stop: tokio::sync::oneshot::Receiver<()>) -> Result<(), String> {
    let mock = mock_of(&options);
    let addr = SocketAddr::new(options.bind, options.port);
    let server = mock
        .serve_with(addr, options.server.clone())
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!("aws-organizations-mock: ready at {}", server.endpoint_url());
    let _ = stop.await;
    server.shutdown().await;
    eprintln!("aws-organizations-mock: stopped");
    Ok(())
}

/// Waits for Ctrl-C or SIGTERM on a thread and runtime of its own, so that
/// nothing the server does can keep the signal from being seen; tells the
/// server to stop, and ends the process if it has not stopped within the
/// grace period.
fn watch_signals(stop: tokio::sync::oneshot::Sender<()>) -> std::io::Result<()> {
    let signals = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let stopped = {
        let _context = signals.enter();
        stop_signal()?
    };
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        signals.block_on(stopped);
        let _ = stop.send(());
        std::thread::sleep(GRACE + Duration::from_secs(1));
        eprintln!("aws-organizations-mock: not stopped within the grace period; exiting");
        std::process::exit(1);
    })?;
    Ok(())
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Parsed::Run(options)) => options,
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("aws-organizations-mock: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // Every core: requests are parsed, validated and encoded in parallel;
    // only the world's changes take its lock.
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("aws-organizations-mock: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (stop, stopped) = tokio::sync::oneshot::channel();
    if let Err(e) = watch_signals(stop) {
        eprintln!("aws-organizations-mock: cannot watch for signals: {e}");
        return ExitCode::FAILURE;
    }
    let result = runtime.block_on(run(options, stopped));
    runtime.shutdown_timeout(Duration::from_secs(1));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("aws-organizations-mock: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Parsed, String> {
        parse(list.iter().map(|s| s.to_string()))
    }

    fn options(list: &[&str]) -> Options {
        match args(list) {
            Ok(Parsed::Run(options)) => options,
            Ok(Parsed::Help) => panic!("{list:?} asked for help"),
            Err(e) => panic!("{list:?} was refused: {e}"),
        }
    }

    #[test]
    fn defaults_to_loopback_on_4566() {
        let o = options(&[]);
        assert_eq!(SocketAddr::new(o.bind, o.port).to_string(), "127.0.0.1:4566");
    }

    #[test]
    fn reads_flags_with_spaces_and_equals() {
        let o = options(&["--port", "0", "--seed=7", "--default-account", "123456789012"]);
        assert_eq!((o.port, o.seed), (0, Some(7)));
        let mock = mock_of(&options(&["--start-time", "1767225600"]));
        assert_eq!(
            mock.now(),
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600)
        );
        assert!(options(&["--start-time=now"]).start_time.is_some());
        assert_eq!(o.default_account, "123456789012");
        assert_eq!(options(&["--bind", "::1"]).bind.to_string(), "::1");
    }

    #[tokio::test]
    async fn the_default_email_applies_without_the_default_account() {
        let mock = mock_of(&options(&["--default-email", "root@corp.example"]));
        assert_eq!(mock.default_account_id(), "111111111111");
        let org = mock.client().create_organization().send().await.unwrap();
        let org = org.organization().unwrap();
        assert_eq!(org.master_account_email(), Some("root@corp.example"));
    }

    #[tokio::test]
    async fn create_account_completion_after_a_duration_waits_for_the_clock() {
        let mock = mock_of(&options(&["--create-account-completion", "after:300"]));
        let client = mock.client();
        client.create_organization().send().await.unwrap();
        let created = client
            .create_account()
            .account_name("later")
            .email("later@example.com")
            .send()
            .await
            .unwrap();
        let id = created.create_account_status().unwrap().id().unwrap();
        let state = || async {
            let out = client
                .describe_create_account_status()
                .create_account_request_id(id)
                .send()
                .await
                .unwrap();
            out.create_account_status()
                .unwrap()
                .state()
                .unwrap()
                .as_str()
                .to_string()
        };
        assert_eq!(state().await, "IN_PROGRESS");
        mock.advance(Duration::from_secs(300));
        assert_eq!(state().await, "SUCCEEDED");
        assert!(matches!(
            options(&["--create-account-completion=polls:2"]).create_account_completion,
            Some(CreateAccountCompletion::AfterPolls(2))
        ));
        assert!(matches!(
            options(&["--create-account-completion", "immediate"]).create_account_completion,
            Some(CreateAccountCompletion::Immediate)
        ));
    }

    #[test]
    fn refuses_a_non_loopback_address_without_the_flag() {
        let err = args(&["--bind", "0.0.0.0"]).err().unwrap();
        assert!(err.contains("--allow-non-loopback"), "{err}");
        assert!(!options(&["--bind", "0.0.0.0", "--allow-non-loopback"])
            .bind
            .is_loopback());
    }

    #[test]
    fn refuses_bad_values_and_unknown_flags() {
        for bad in [
            &["--port", "99999"][..],
            &["--port"],
            &["--bind", "localhost:1"],
            &["--default-account", "12345"],
            &["--seed", "-1"],
            &["--start-time", "yesterday"],
            &["--verbose"],
            &["--idle-timeout", "0"],
            &["--header-read-timeout", "x"],
            &["--max-connections", "0"],
            &["--max-recorded-calls", "-3"],
            &["--create-account-completion", "later"],
            &["--create-account-completion", "after:x"],
            &["--create-account-completion", "polls:0"],
        ] {
            assert!(args(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(matches!(args(&["--help"]), Ok(Parsed::Help)));
    }
}
