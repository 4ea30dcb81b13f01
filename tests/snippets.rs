//! Native tests pinning every client format of the request preview.
#![cfg(not(target_arch = "wasm32"))]

use cbt_panel::protocol::StopRequest;
use cbt_panel::snippets::{cli_list, sdk_address, string_literal, Client, TASK_PLACEHOLDER};

fn req(force: bool, tags: bool) -> StopRequest {
    StopRequest {
        api_base: "http://10.0.0.5:8080/".into(),
        session: "0123456789abcdef0123456789ab1a2b".into(),
        uuid: "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71".into(),
        force,
        system_tags: if tags {
            vec!["a=\"1\"".into(), "b\\c".into()]
        } else {
            vec![]
        },
        user_tags: if tags {
            vec!["ops team".into()]
        } else {
            vec![]
        },
        job_id: String::new(),
    }
}

#[test]
fn curl_quotes_every_argument_and_masks_the_session_unless_revealed() {
    let r = req(true, false);
    assert_eq!(
        r.snippet(Client::Curl, false),
        "curl -X POST -H 'Content-Type: application/json;charset=UTF-8' \\\n  \
         -H 'Authorization: OAuth ••••1a2b' \\\n  \
         -d '{\"params\":{\"force\":true},\"force\":true,\"systemTags\":[],\"userTags\":[]}' \\\n  \
         'http://10.0.0.5:8080/zstack/v1/cbt-task/disable/5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71'"
    );
    let revealed = r.snippet(Client::Curl, true);
    assert!(revealed.contains("'Authorization: OAuth 0123456789abcdef0123456789ab1a2b'"));
    assert!(!revealed.contains("••••"));
}

#[test]
fn zstack_cli_takes_quoted_name_value_words() {
    assert_eq!(
        req(true, false).snippet(Client::Cli, false),
        "# zstack-cli, signed in with LogInByAccount accountName=... password=...\n\
         DisableCbtTask 'uuid=5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71' 'force=true'"
    );
    let line = req(false, true).snippet(Client::Cli, false);
    assert!(
        line.ends_with(
            r#"DisableCbtTask 'uuid=5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71' 'systemTags="a=\"1\"","b\\c"' 'userTags="ops team"'"#
        ),
        "{line}"
    );
}

/// The line as zstack-cli reads it: split like a shell, then each list
/// value through Python's CSV reader with `\` as the escape character.
fn read_as_zstack_cli(line: &str) -> Vec<(String, Vec<String>)> {
    let script = r#"
import csv, shlex, sys, json
words = shlex.split(sys.stdin.read().splitlines()[-1])[1:]
out = []
for w in words:
    name, value = w.split("=", 1)
    out.append([name, next(csv.reader([value], escapechar="\\"))])
print(json.dumps(out))
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(line.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn zstack_cli_reads_every_tag_back_whole() {
    let tags = vec![
        "ephemeral::a,b".to_string(),
        "x\\y".to_string(),
        "say \"hi\"".to_string(),
        "it's".to_string(),
    ];
    let r = StopRequest {
        system_tags: tags.clone(),
        user_tags: vec!["plain".into()],
        ..req(true, false)
    };
    let read = read_as_zstack_cli(&r.snippet(Client::Cli, false));
    assert_eq!(
        read,
        vec![
            (
                "uuid".into(),
                vec!["5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71".into()]
            ),
            ("force".into(), vec!["true".into()]),
            ("systemTags".into(), tags),
            ("userTags".into(), vec!["plain".into()]),
        ]
    );
    assert_eq!(cli_list(&["a,b".into()]), "\"a,b\"");
}

#[test]
fn a_value_that_is_not_a_uuid_never_reaches_a_snippet() {
    let evil = "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71\rAddSecurityGroupRule rules=__import__('os').system('id')";
    let r = StopRequest {
        uuid: evil.into(),
        session: "x' ; touch pwned; echo '".into(),
        ..req(false, true)
    };
    for c in Client::ALL {
        for reveal in [false, true] {
            let code = r.snippet(c, reveal);
            assert!(!code.contains("AddSecurityGroupRule"), "{c:?}: {code}");
            assert!(!code.contains("pwned"), "{c:?}: {code}");
            assert!(!code.contains('\r'), "{c:?}");
            assert!(code.contains(TASK_PLACEHOLDER), "{c:?}: {code}");
        }
    }
}

#[test]
fn the_sdks_say_when_they_cannot_reach_the_api_base() {
    for base in [
        "https://zstack.example.com",
        "http://zstack.example.com/zstack-api",
    ] {
        let r = StopRequest {
            api_base: base.into(),
            ..req(false, false)
        };
        for c in [Client::Java, Client::Go] {
            let code = r.snippet(c, true);
            assert!(code.contains(&format!("cannot reach {base}")), "{code}");
            assert!(
                !code.contains(&r.session),
                "no code that would send the session"
            );
            assert!(code.lines().all(|l| l.starts_with("//")), "{code}");
        }
    }
}

#[test]
fn java_sdk_action_with_the_session_masked_unless_revealed() {
    let java = req(true, true).snippet(Client::Java, false);
    for line in [
        "import org.zstack.sdk.*;",
        "                .setHostname(\"10.0.0.5\")",
        "                .setPort(8080)",
        "                .setContextPath(\"zstack\")",
        "        DisableCbtTaskAction action = new DisableCbtTaskAction();",
        "        action.uuid = \"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71\";",
        "        action.force = true;",
        "        action.systemTags = java.util.Arrays.asList(\"a=\\\"1\\\"\", \"b\\\\c\");",
        "        action.userTags = java.util.Arrays.asList(\"ops team\");",
        "        String session = \"••••1a2b\";",
        "        action.sessionId = session;",
        "        DisableCbtTaskAction.Result res = action.call();",
        "        if (res.error != null) {",
        "        query.conditions = java.util.Arrays.asList(\"uuid=\" + action.uuid);",
        "        System.out.println(task.get(\"name\") + \" \" + task.get(\"status\"));",
    ] {
        assert!(
            java.lines().any(|l| l == line),
            "missing {line:?} in\n{java}"
        );
    }
    let revealed = req(false, false).snippet(Client::Java, true);
    assert!(revealed.contains("String session = \"0123456789abcdef0123456789ab1a2b\";"));
    assert!(revealed.contains("action.force = false;"));
    assert!(!revealed.contains("systemTags"));
}

#[test]
fn go_sdk_call_with_its_params() {
    let go = req(true, true).snippet(Client::Go, false);
    for line in [
        "\t\"github.com/zstackio/zstack-sdk-go-v2/pkg/client\"",
        "\tcli := client.NewZSClient(client.NewZSConfig(\"10.0.0.5\", 8080, \"zstack\").Session(\"••••1a2b\"))",
        "\tuuid := \"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71\"",
        "\t_, err := cli.DisableCbtTask(param.DisableCbtTaskParam{",
        "\t\tBaseParam: param.BaseParam{SystemTags: []string{\"a=\\\"1\\\"\", \"b\\\\c\"}, UserTags: []string{\"ops team\"}},",
        "\t\tParams:    param.DisableCbtTaskDetailParam{Uuid: uuid, Force: true},",
        "\ttask, err := cli.GetCbtTask(uuid)",
        "\tfmt.Println(task.Name, task.Status)",
    ] {
        assert!(go.lines().any(|l| l == line), "missing {line:?} in\n{go}");
    }
}

#[test]
fn python_posts_polls_and_reads_back_with_the_same_body() {
    let r = req(true, true);
    let py = r.snippet(Client::Python, true);
    assert!(py.starts_with("import json, sys, time, urllib.error, urllib.request\n"));
    assert!(py.contains("\nAPI = \"http://10.0.0.5:8080\"\n"));
    assert!(py.contains("\nSESSION = \"0123456789abcdef0123456789ab1a2b\"\n"));
    assert!(py.contains(&format!(
        "\nBODY = json.loads({})\n",
        string_literal(&r.body())
    )));
    assert!(py.contains("call(\"POST\", \"/zstack/v1/cbt-task/disable/\" + UUID, BODY)"));
    assert!(py.contains("call(\"GET\", \"/zstack/v1/api-jobs/\" + job)"));
    assert!(py.contains("call(\"GET\", \"/zstack/v1/cbt-task/\" + UUID)"));
    assert!(r
        .snippet(Client::Python, false)
        .contains("\nSESSION = \"••••1a2b\"\n"));
}

#[test]
fn literals_and_hosts() {
    assert_eq!(
        string_literal("a\"b\\c\nd\u{1}"),
        "\"a\\\"b\\\\c\\nd\\u0001\""
    );
    assert_eq!(sdk_address("https://zstack.example.com"), None);
    assert_eq!(sdk_address("http://zstack.example.com/x"), None);
    assert_eq!(
        sdk_address("http://[::1]:5000"),
        Some(("[::1]".into(), 5000))
    );
    assert_eq!(sdk_address("http://h/"), Some(("h".into(), 80)));
    assert_eq!(sdk_address("http://h:99999"), None);
    for c in Client::ALL {
        assert_eq!(Client::from_id(c.id()), c);
    }
    assert_eq!(Client::from_id("cobol"), Client::Curl);
}
