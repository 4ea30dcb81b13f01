//! Native tests pinning every client format of the request preview.
#![cfg(not(target_arch = "wasm32"))]

use cbt_panel::protocol::StopRequest;
use cbt_panel::snippets::{host_port, string_literal, Client};

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
fn zstack_cli_takes_name_value_parameters() {
    assert_eq!(
        req(true, false).snippet(Client::Cli, false),
        "# zstack-cli, signed in with LogInByAccount accountName=... password=...\n\
         DisableCbtTask uuid=5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71 force=true"
    );
    let line = req(false, true).snippet(Client::Cli, false);
    assert!(line.ends_with(
        "DisableCbtTask uuid=5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71 'systemTags=a=\"1\",b\\c' 'userTags=ops team'"
    ), "{line}");
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
        "        action.sessionId = \"••••1a2b\";",
        "        DisableCbtTaskAction.Result res = action.call();",
        "        if (res.error != null) {",
        "        System.out.println(res.value.inventory.name + \" \" + res.value.inventory.status);",
    ] {
        assert!(java.lines().any(|l| l == line), "missing {line:?} in\n{java}");
    }
    let revealed = req(false, false).snippet(Client::Java, true);
    assert!(revealed.contains("action.sessionId = \"0123456789abcdef0123456789ab1a2b\";"));
    assert!(revealed.contains("action.force = false;"));
    assert!(!revealed.contains("systemTags"));
}

#[test]
fn go_sdk_call_with_its_params() {
    let go = req(true, true).snippet(Client::Go, false);
    for line in [
        "\t\"github.com/zstackio/zstack-sdk-go-v2/pkg/client\"",
        "\tcli := client.NewZSClient(client.NewZSConfig(\"10.0.0.5\", 8080, \"zstack\").Session(\"••••1a2b\"))",
        "\tinv, err := cli.DisableCbtTask(param.DisableCbtTaskParam{",
        "\t\tBaseParam: param.BaseParam{SystemTags: []string{\"a=\\\"1\\\"\", \"b\\\\c\"}, UserTags: []string{\"ops team\"}},",
        "\t\tParams:    param.DisableCbtTaskDetailParam{Uuid: \"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71\", Force: true},",
        "\tfmt.Println(inv.Name, inv.Status)",
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
    assert_eq!(
        host_port("https://zstack.example.com/x"),
        ("zstack.example.com".into(), 443, true)
    );
    assert_eq!(
        host_port("http://[::1]:5000"),
        ("[::1]".into(), 5000, false)
    );
    assert_eq!(host_port("http://h"), ("h".into(), 80, false));
    for c in Client::ALL {
        assert_eq!(Client::from_id(c.id()), c);
    }
    assert_eq!(Client::from_id("cobol"), Client::Curl);
}
