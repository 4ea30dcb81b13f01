//! The stop as code for the clients a ZStack operator already uses: curl,
//! zstack-cli, ZStack's Java and Go SDKs, and Python with the standard
//! library only. Every format is built from the same [`StopRequest`] the
//! panel sends, so none can drift from it; the session is masked unless the
//! person revealed it.

use crate::protocol::{mask_session, shell_quote, StopRequest};

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

/// Host, port and whether it is https, from the API base
/// (`https://zstack.example.com:8443/prefix` gives the host and port).
pub fn host_port(api_base: &str) -> (String, u16, bool) {
    let https = api_base.starts_with("https://");
    let rest = api_base
        .find("://")
        .map_or(api_base, |i| &api_base[i + 3..]);
    let authority = rest.split('/').next().unwrap_or("");
    let default = if https { 443 } else { 80 };
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority[i..].contains(']') => (
            &authority[..i],
            crate::date::whole_number(&authority[i + 1..]).and_then(|p| u16::try_from(p).ok()),
        ),
        _ => (authority, None),
    };
    (host.to_string(), port.unwrap_or(default), https)
}

/// The list in each language's own syntax: `open` item, item `close`.
fn list(items: &[String], open: &str, close: &str) -> String {
    let mut out = String::from(open);
    for (i, t) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&string_literal(t));
    }
    out.push_str(close);
    out
}

impl StopRequest {
    fn shown_session(&self, reveal: bool) -> String {
        if reveal {
            self.session.clone()
        } else {
            mask_session(&self.session)
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

    /// zstack-cli takes an API's parameters as `name=value`; it keeps its
    /// own session from `LogInByAccount`.
    fn cli(&self) -> String {
        let mut line = format!("DisableCbtTask uuid={}", self.uuid);
        if self.force {
            line.push_str(" force=true");
        }
        for (name, tags) in [
            ("systemTags", &self.system_tags),
            ("userTags", &self.user_tags),
        ] {
            if !tags.is_empty() {
                line.push(' ');
                let mut tag = String::from(name);
                tag.push('=');
                for (i, t) in tags.iter().enumerate() {
                    if i > 0 {
                        tag.push(',');
                    }
                    tag.push_str(t);
                }
                line.push_str(&shell_quote(&tag));
            }
        }
        format!("# zstack-cli, signed in with LogInByAccount accountName=... password=...\n{line}")
    }

    fn java(&self, reveal: bool) -> String {
        let (host, port, _) = host_port(&self.api_base);
        let mut tags = String::new();
        if !self.system_tags.is_empty() {
            tags += &format!(
                "        action.systemTags = {};\n",
                list(&self.system_tags, "java.util.Arrays.asList(", ")")
            );
        }
        if !self.user_tags.is_empty() {
            tags += &format!(
                "        action.userTags = {};\n",
                list(&self.user_tags, "java.util.Arrays.asList(", ")")
            );
        }
        format!(
            r#"import org.zstack.sdk.*;

public class StopCbtTask {{
    public static void main(String[] args) {{
        ZSClient.configure(new ZSConfig.Builder()
                .setHostname({host})
                .setPort({port})
                .setContextPath("zstack")
                .build());
        DisableCbtTaskAction action = new DisableCbtTaskAction();
        action.uuid = {uuid};
        action.force = {force};
{tags}        action.sessionId = {session};
        DisableCbtTaskAction.Result res = action.call();
        if (res.error != null) {{
            System.err.println(res.error.code + ": " + res.error.details);
            System.exit(1);
        }}
        System.out.println(res.value.inventory.name + " " + res.value.inventory.status);
    }}
}}"#,
            host = string_literal(&host),
            uuid = string_literal(&self.uuid),
            force = self.force,
            session = string_literal(&self.shown_session(reveal)),
        )
    }

    fn go(&self, reveal: bool) -> String {
        let (host, port, _) = host_port(&self.api_base);
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
	inv, err := cli.DisableCbtTask(param.DisableCbtTaskParam{{
		BaseParam: param.BaseParam{{SystemTags: {system}, UserTags: {user}}},
		Params:    param.DisableCbtTaskDetailParam{{Uuid: {uuid}, Force: {force}}},
	}})
	if err != nil {{
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}}
	fmt.Println(inv.Name, inv.Status)
}}"#,
            host = string_literal(&host),
            session = string_literal(&self.shown_session(reveal)),
            system = list(&self.system_tags, "[]string{", "}"),
            user = list(&self.user_tags, "[]string{", "}"),
            uuid = string_literal(&self.uuid),
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
            session = string_literal(&self.shown_session(reveal)),
            uuid = string_literal(&self.uuid),
            body = string_literal(&self.body()),
        )
    }
}
