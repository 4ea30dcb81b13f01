//! `zstack-sim`: serves the panel's static files and a simulated ZStack API.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use zstack_sim::{app, Config, Sim, Style, MAX_EXTRA_TASKS};

const USAGE: &str = "usage: zstack-sim [--port N] [--bind ADDR] [--dist DIR] [--password P] \
[--job-delay-ms N] [--api-timeout-ms N] [--style async|documented] [--tasks N] [--allow-host NAME] \
[--quiet] [--log-bodies]";

fn parse(args: &[String]) -> Result<(Config, String, u16), String> {
    let mut cfg = Config {
        log: true,
        ..Config::default()
    };
    let (mut bind, mut port) = ("127.0.0.1".to_string(), 8080u16);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match a.as_str() {
            "--port" => {
                port = val("--port")?
                    .parse()
                    .map_err(|_| "--port takes a number from 0 to 65535")?
            }
            "--bind" => bind = val("--bind")?,
            "--dist" => cfg.dist = Some(PathBuf::from(val("--dist")?)),
            "--password" => cfg.password = val("--password")?,
            "--job-delay-ms" => {
                cfg.job_delay = Duration::from_millis(
                    val("--job-delay-ms")?
                        .parse()
                        .map_err(|_| "--job-delay-ms takes milliseconds")?,
                )
            }
            "--api-timeout-ms" => {
                cfg.api_timeout_ms = val("--api-timeout-ms")?
                    .parse()
                    .map_err(|_| "--api-timeout-ms takes milliseconds")?
            }
            "--style" => {
                cfg.style = match val("--style")?.as_str() {
                    "async" => Style::Async,
                    "documented" => Style::Documented,
                    _ => return Err("--style is async or documented".into()),
                }
            }
            "--tasks" => {
                let rule = format!("--tasks takes a number of tasks from 0 to {MAX_EXTRA_TASKS}");
                cfg.extra_tasks = val("--tasks")?
                    .parse()
                    .ok()
                    .filter(|n| *n <= MAX_EXTRA_TASKS)
                    .ok_or(rule)?
            }
            "--allow-host" => cfg.allowed_hosts.push(val("--allow-host")?),
            "--quiet" => cfg.log = false,
            "--log-bodies" => cfg.log_bodies = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok((cfg, bind, port))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cfg, bind, port) = match parse(&args) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let addr: SocketAddr = match format!("{bind}:{port}").parse() {
        Ok(a) => a,
        Err(_) => {
            eprintln!("--bind must be an IP address, such as 127.0.0.1");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            return ExitCode::from(1);
        }
    };
    let local = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let password = cfg.password.clone();
    let style = cfg.style;
    let dist = cfg.dist.clone();
    let sim = Sim::new(cfg);
    println!("zstack-sim: a simulated ZStack management node ({style:?} style)");
    match &dist {
        Some(d) => println!(
            "  panel:    http://{local}/   (also http://{local}/panel/)   from {}",
            d.display()
        ),
        None => println!("  panel:    not served (no --dist)"),
    }
    println!("  API base: http://{local}");
    println!("  sign in:  account admin, password {password}");
    println!("  session:  {}   (ready to paste)", sim.ready_session);
    println!("  tasks:");
    let tasks = sim.tasks();
    for t in tasks.iter().take(20) {
        println!("    {}  {:<9} {}", t.uuid, t.status, t.name);
    }
    if tasks.len() > 20 {
        println!("    … and {} more (batch-0001 …)", tasks.len() - 20);
    }
    println!("  requests:");
    zstack_sim::serve(listener, app(sim), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    ExitCode::SUCCESS
}
