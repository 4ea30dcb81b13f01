//! The stop as code for the clients a ZStack operator already uses: curl,
//! zstack-cli, ZStack's Java and Go SDKs, and Python with the standard
//! library only. Every format is built from the same [`StopRequest`] the
//! panel sends, so none can drift from it. What a snippet guarantees:
//! - it is one command (or one program): no value can end it or start
//!   another, because every value is quoted for its language;
//! - only a normalised UUID reaches it as the task or the session (anything
//!   else shows as a placeholder), and the session is masked unless the
//!   person revealed it;
//! - it talks to the panel's own API base, or says why that client cannot
//!   (the Java and Go SDKs speak only plain http to `host:port/zstack`).

use crate::protocol::{join, mask_session, normalize_uuid, shell_quote, StopRequest};

/// What a snippet shows for a task UUID that does not normalise.
pub const TASK_PLACEHOLDER: &str = "<task-uuid>";
/// What a snippet shows for a session that does not normalise.
pub const SESSION_PLACEHOLDER: &str = "<session-uuid>";

/// A client the request preview can speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Client {
    Curl,
    Cli,
    Java,
    Go,
    Python,
}

impl Client {
    pub const ALL: [Client; 5] = [
        Client::Curl,
        Client::Cli,
        Client::Java,
        Client::Go,
        Client::Python,
    ];

    /// A stable name (the choice's value).
    pub fn id(self) -> &'static str {
        match self {
            Client::Curl => "curl",
            Client::Cli => "zstack-cli",
            Client::Java => "java",
            Client::Go => "go",
            Client::Python => "python",
        }
    }

    /// The name shown (the same in every language).
    pub fn label(self) -> &'static str {
        match self {
            Client::Curl => "curl",
            Client::Cli => "zstack-cli",
            Client::Java => "Java SDK",
            Client::Go => "Go SDK",
            Client::Python => "Python",
        }
    }

    pub fn from_id(id: &str) -> Client {
        Client::ALL
            .into_iter()
            .find(|c| c.id() == id)
            .unwrap_or(Client::Curl)
    }
}

/// A string literal for Java, Go and Python (the same escapes work in all
/// three): quotes, backslashes and control characters escaped.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push_str(&crate::protocol::hex(&[c as u8]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Host and port of an API base that ZStack's Java and Go SDKs can reach:
/// they build `http://host:port/zstack/v1/...`, so an `https` base or one
/// with a path prefix cannot be expressed (`None`).
pub fn sdk_address(api_base: &str) -> Option<(String, u16)> {
    let rest = api_base.trim_end_matches('/').strip_prefix("http://")?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '@']) {
        return None;
    }
    let (host, port) = match rest.rfind(':') {
        Some(i) if !rest[i..].contains(']') => (
            &rest[..i],
            u16::try_from(crate::date::whole_number(&rest[i + 1..])?).ok()?,
        ),
        _ => (rest, 80),
    };
    (!host.is_empty()).then(|| (host.to_string(), port))
}

/// The list in each language's own syntax: `open` item, item `close`.
fn list(items: &[String], open: &str, close: &str) -> String {
    let items: Vec<String> = items.iter().map(|t| string_literal(t)).collect();
    format!("{open}{}{close}", items.join(", "))
}

/// A list value as zstack-cli reads it: a CSV record whose escape
/// character is `\`, each tag quoted, so a comma or a backslash in a tag
/// stays in it.
pub fn cli_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|t| format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    quoted.join(",")
}

/// Why a client cannot reach `api_base`, as a comment in its language.
fn unreachable_by(sdk: &str, api_base: &str) -> String {
    format!(
        "// ZStack's {sdk} builds plain http://host:port/zstack/v1/... addresses, so it\n\
         // cannot reach {api_base}\n\
         // without sending the session elsewhere. Use the curl or Python form instead."
    )
}

impl StopRequest {
    /// The task as a snippet names it.
    fn snippet_task(&self) -> String {
        normalize_uuid(&self.uuid).unwrap_or_else(|_| TASK_PLACEHOLDER.into())
    }

    /// The session as a snippet shows it: masked unless `reveal`.
    fn snippet_session(&self, reveal: bool) -> String {
        match normalize_uuid(&self.session) {
            Ok(s) if reveal => s,
            Ok(s) => mask_session(&s),
            Err(_) => SESSION_PLACEHOLDER.into(),
        }
    }

    /// The request for `client`; the session masked unless `reveal`.
    pub fn snippet(&self, client: Client, reveal: bool) -> String {
        match client {
            Client::Curl => self.curl(reveal),
            Client::Cli => self.cli(),
            Client::Java => self.java(reveal),
            Client::Go => self.go(reveal),
            Client::Python => self.python(reveal),
        }
    }

    /// The request as a curl command; every argument is quoted for a POSIX
    /// shell as a whole.
    fn curl(&self, reveal: bool) -> String {
        let url = join(
            &self.api_base,
            &format!("/zstack/v1/cbt-task/disable/{}", self.snippet_task()),
        );
        format!(
            "curl -X POST -H 'Content-Type: application/json;charset=UTF-8' \\\n  -H {} \\\n  -d {} \\\n  {}",
            shell_quote(&format!("Authorization: OAuth {}", self.snippet_session(reveal))),
            shell_quote(&self.body()),
            shell_quote(&url)
        )
    }

    /// zstack-cli takes an API's parameters as `name=value` words, each
    /// quoted for its shell-like reader; it keeps its own session from
    /// `LogInByAccount`.
    fn cli(&self) -> String {
        let mut words = vec![
            "DisableCbtTask".to_string(),
            shell_quote(&format!("uuid={}", self.snippet_task())),
        ];
        if self.force {
            words.push(shell_quote("force=true"));
        }
        for (name, tags) in [
            ("systemTags", &self.system_tags),
            ("userTags", &self.user_tags),
        ] {
            if !tags.is_empty() {
                words.push(shell_quote(&format!("{name}={}", cli_list(tags))));
            }
        }
        format!(
            "# zstack-cli, signed in with LogInByAccount accountName=... password=...\n{}",
            words.join(" ")
        )
    }

    fn java(&self, reveal: bool) -> String {
        let Some((host, port)) = sdk_address(&self.api_base) else {
            return unreachable_by("Java SDK", &self.api_base);
        };
        let tags: String = [
            ("systemTags", &self.system_tags),
            ("userTags", &self.user_tags),
        ]
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(name, t)| {
            let l = list(t, "java.util.Arrays.asList(", ")");
            format!("        action.{name} = {l};\n")
        })
        .collect();
        format!(
            r#"import org.zstack.sdk.*;

public class StopCbtTask {{
    public static void main(String[] args) {{
        ZSClient.configure(new ZSConfig.Builder()
                .setHostname({host})
                .setPort({port})
                .setContextPath("zstack")
                .build());
        String session = {session};
        DisableCbtTaskAction action = new DisableCbtTaskAction();
        action.uuid = {uuid};
        action.force = {force};
{tags}        action.sessionId = session;
        DisableCbtTaskAction.Result res = action.call();
        if (res.error != null) {{
            System.err.println(res.error.code + ": " + res.error.details);
            System.exit(1);
        }}
        // The real server's result carries no inventory: read the task back.
        QueryCbtTaskAction query = new QueryCbtTaskAction();
        query.conditions = java.util.Arrays.asList("uuid=" + action.uuid);
        query.sessionId = session;
        QueryCbtTaskAction.Result read = query.call();
        if (read.error != null || read.value.inventories.isEmpty()) {{
            System.err.println(read.error != null ? read.error.code + ": " + read.error.details : "no such task");
            System.exit(1);
        }}
        // A typed CbtTaskInventory where the SDK maps the reply's schema,
        // else a map of its fields: read either the same way.
        com.google.gson.Gson gson = new com.google.gson.Gson();
        java.util.Map<?, ?> task = gson.fromJson(gson.toJson(read.value.inventories.get(0)), java.util.Map.class);
        System.out.println(task.get("name") + " " + task.get("status"));
    }}
}}"#,
            host = string_literal(&host),
            uuid = string_literal(&self.snippet_task()),
            force = self.force,
            session = string_literal(&self.snippet_session(reveal)),
        )
    }

    fn go(&self, reveal: bool) -> String {
        let Some((host, port)) = sdk_address(&self.api_base) else {
            return unreachable_by("Go SDK", &self.api_base);
        };
        format!(
            r#"package main

import (
	"fmt"
	"os"

	"github.com/zstackio/zstack-sdk-go-v2/pkg/client"
	"github.com/zstackio/zstack-sdk-go-v2/pkg/param"
)

func main() {{
	cli := client.NewZSClient(client.NewZSConfig({host}, {port}, "zstack").Session({session}))
	uuid := {uuid}
	_, err := cli.DisableCbtTask(param.DisableCbtTaskParam{{
		BaseParam: param.BaseParam{{SystemTags: {system}, UserTags: {user}}},
		Params:    param.DisableCbtTaskDetailParam{{Uuid: uuid, Force: {force}}},
	}})
	if err != nil {{
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}}
	// The real server's result carries no inventory: read the task back.
	task, err := cli.GetCbtTask(uuid)
	if err != nil {{
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}}
	fmt.Println(task.Name, task.Status)
}}"#,
            host = string_literal(&host),
            session = string_literal(&self.snippet_session(reveal)),
            system = list(&self.system_tags, "[]string{", "}"),
            user = list(&self.user_tags, "[]string{", "}"),
            uuid = string_literal(&self.snippet_task()),
            force = self.force,
        )
    }

    /// Python with the standard library only: the POST, the job's polls
    /// and the read-back, as the panel does them.
    fn python(&self, reveal: bool) -> String {
        format!(
            r#"import json, sys, time, urllib.error, urllib.request

API = {api}
SESSION = {session}
UUID = {uuid}
BODY = json.loads({body})


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(API + path, data=data, method=method, headers={{
        "Authorization": "OAuth " + SESSION,
        "Content-Type": "application/json;charset=UTF-8"}})
    try:
        with urllib.request.urlopen(req) as r:
            status, text = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read()
    try:
        return status, json.loads(text or b"{{}}")
    except ValueError:
        return status, {{"error": text.decode(errors="replace")}}


status, reply = call("POST", "/zstack/v1/cbt-task/disable/" + UUID, BODY)
if status == 202:
    job = reply["location"].split("/zstack/v1/api-jobs/")[1]
    while status == 202:
        time.sleep(0.5)
        status, reply = call("GET", "/zstack/v1/api-jobs/" + job)
if status >= 300 or reply.get("error"):
    sys.exit("HTTP %d: %s" % (status, json.dumps(reply.get("error", reply))))
task = reply.get("inventory") or call("GET", "/zstack/v1/cbt-task/" + UUID)[1]["inventories"][0]
print(task["name"], task["status"])"#,
            api = string_literal(self.api_base.trim_end_matches('/')),
            session = string_literal(&self.snippet_session(reveal)),
            uuid = string_literal(&self.snippet_task()),
            body = string_literal(&self.body()),
        )
    }
}
