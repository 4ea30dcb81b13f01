//! Tests of the protocol layer: request building, UUIDs, every contract
//! outcome's classification, ErrorCode decoding and dates. They run
//! natively (serde_json) and, in `make wasm-test`, in both browsers over
//! `JSON.parse` and serde-wasm-bindgen: the decode path that ships.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use cbt_panel::config::parse_config;
use cbt_panel::date::*;
use cbt_panel::examples::*;
use cbt_panel::i18n::seconds;
use cbt_panel::protocol::*;

fn req() -> StopRequest {
    StopRequest {
        api_base: "https://zstack.example.com/".into(),
        session: "b86c9016b4f24953a9edefb53ca0678c".into(),
        uuid: "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71".into(),
        force: true,
        system_tags: vec!["a::b".into()],
        user_tags: vec!["it's \"quoted\"".into()],
        job_id: String::new(),
    }
}

#[test]
fn uuids_are_normalised_or_refused_specifically() {
    let want = "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71";
    for ok in [
        want,
        "  5C1E0B8E-7D2A-4F0C-9B3E-6A1D2F4C8E71 \n",
        "5c1e0b8e-7d2a4f0c9b3e6a1d2f4c8e71",
    ] {
        assert_eq!(normalize_uuid(ok).as_deref(), Ok(want), "{ok:?}");
    }
    assert_eq!(normalize_uuid("   "), Err(UuidError::Empty));
    assert_eq!(normalize_uuid("abc"), Err(UuidError::Length(3)));
    assert_eq!(
        normalize_uuid("5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e7g"),
        Err(UuidError::NotHex('g'))
    );
    assert_eq!(normalize_uuid("5c1e 0b8e"), Err(UuidError::NotHex(' ')));
}

#[test]
fn tags_are_one_per_line() {
    assert_eq!(parse_tags("a\n\n  b  \r\nc::d"), vec!["a", "b", "c::d"]);
    assert!(parse_tags("  \n").is_empty());
}

#[test]
fn the_request_carries_force_in_both_places_and_both_tag_lists() {
    let r = req();
    assert_eq!(
        r.url(),
        "https://zstack.example.com/zstack/v1/cbt-task/disable/5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71"
    );
    assert_eq!(
        r.body(),
        r#"{"params":{"force":true},"force":true,"systemTags":["a::b"],"userTags":["it's \"quoted\""]}"#
    );
    assert_eq!(r.authorization(), "OAuth b86c9016b4f24953a9edefb53ca0678c");
    let empty = StopRequest {
        system_tags: vec![],
        user_tags: vec![],
        force: false,
        ..r
    };
    assert_eq!(
        empty.body(),
        r#"{"params":{"force":false},"force":false,"systemTags":[],"userTags":[]}"#
    );
}

#[test]
fn a_session_is_a_uuid_and_nothing_else() {
    assert!(normalize_uuid("x' -o /dev/null; touch pwned; echo '").is_err());
    assert!(normalize_uuid("5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71\u{200b}").is_err());
    assert!(normalize_uuid("5c1e0b8e7d2a4f0c\r\n9b3e6a1d2f4c8e71").is_err());
    assert_eq!(mask_session("ab"), "••••ab");
}

#[test]
fn accepted_replies_poll_the_job_path_against_our_own_base() {
    let body =
        r#"{"location":"http://10.0.0.5:8080/zstack/v1/api-jobs/3f2a","apiTimeout":1800000}"#;
    match classify_stop(202, body) {
        Step::Poll {
            job_id,
            job_path,
            api_timeout_ms,
        } => {
            assert_eq!(job_id, "3f2a");
            assert_eq!(job_path, "/zstack/v1/api-jobs/3f2a");
            assert_eq!(api_timeout_ms, Some(1_800_000));
            assert_eq!(
                job_url("https://proxy.example/", &job_path),
                "https://proxy.example/zstack/v1/api-jobs/3f2a"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        classify_stop(202, r#"{"apiTimeout":5}"#),
        Step::Done(Outcome::BadResponse {
            kind: BadKind::NoJobLocation,
            ..
        })
    ));
    // Only the job's own path is ever polled.
    for location in [
        "http://n/zstack/v1/api-jobs/x/../../../../admin/export?all=1",
        "http://n/zstack/v1/api-jobs/%2e%2e",
        "http://n/zstack/v1/api-jobs/",
        "http://n/zstack/v1/api-jobs/a b",
        "http://n/other",
    ] {
        let body = format!(r#"{{"location":"{location}"}}"#);
        assert!(
            matches!(
                classify_stop(202, &body),
                Step::Done(Outcome::BadResponse {
                    kind: BadKind::NoJobLocation,
                    ..
                })
            ),
            "{location}"
        );
    }
    assert_eq!(
        job_id_in("http://n/zstack/v1/api-jobs/3F2A?x=1").as_deref(),
        Some("3F2A")
    );
    assert_eq!(deadline_ms(Some(1_800_000), 60_000), 60_000);
    assert_eq!(deadline_ms(Some(5_000), 60_000), 5_000);
    assert_eq!(deadline_ms(None, 60_000), 60_000);
}

#[test]
fn polls_classify_every_ending() {
    assert_eq!(classify_poll(202, "{}", "j"), Step::StillRunning);
    assert_eq!(classify_poll(200, "{}", "j"), Step::ReadBack);
    assert!(matches!(
        classify_poll(404, "no job[uuid:j] found", "j"),
        Step::Done(Outcome::JobExpired { .. })
    ));
    match classify_poll(
        503,
        r#"{"error":{"code":"ID.1001","description":"Session expired"}}"#,
        "j",
    ) {
        Step::Done(Outcome::ApiError(t)) => assert_eq!(t.root().code, "ID.1001"),
        other => panic!("{other:?}"),
    }
    match classify_poll(502, "<html>bad gateway</html>", "j") {
        Step::Done(Outcome::HttpError {
            status,
            reason,
            body,
        }) => {
            assert_eq!(
                (status, reason.as_str(), body.as_str()),
                (502, "Bad Gateway", "<html>bad gateway</html>")
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn final_replies_in_both_shapes() {
    let documented = r#"{"success":true,"inventory":{"uuid":"u","name":"My Task","description":"d","status":"Stopped","createDate":"Nov 14, 2017 10:20:57 PM","lastOpDate":1510698057000,"extra":[1]},"error":null}"#;
    match classify_stop(200, documented) {
        Step::Done(Outcome::Stopped(inv)) => {
            assert_eq!(inv.name, "My Task");
            assert_eq!(
                inv.create_date.unwrap().parsed,
                Some(When::Local(2017, 11, 14, 22, 20, 57))
            );
            assert_eq!(
                inv.last_op_date.unwrap().parsed,
                Some(When::EpochMs(1_510_698_057_000))
            );
            assert_eq!(inv.other, vec![("extra".to_string(), "[1]".to_string())]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        classify_stop(200, r#"{"success":false}"#),
        Step::Done(Outcome::ApiError(_))
    ));
    assert!(matches!(
        classify_stop(200, r#"{"error":"boom"}"#),
        Step::Done(Outcome::ApiError(_))
    ));
    // Absent `success` means nothing; a null error is no error.
    assert_eq!(classify_stop(200, r#"{"error":null}"#), Step::ReadBack);
    assert!(matches!(
        classify_stop(200, "OK"),
        Step::Done(Outcome::BadResponse {
            kind: BadKind::NotJson(_),
            ..
        })
    ));
    assert!(matches!(
        classify_stop(200, "[1]"),
        Step::Done(Outcome::BadResponse {
            kind: BadKind::UnknownShape,
            ..
        })
    ));
    assert!(matches!(
        classify_stop(500, ""),
        Step::Done(Outcome::HttpError { status: 500, .. })
    ));
    assert!(matches!(
        classify_stop(429, "slow down"),
        Step::Done(Outcome::HttpError { status: 429, .. })
    ));
}

#[test]
fn read_back_finds_the_task_or_says_why_not() {
    let one = r#"{"inventories":[{"uuid":"u","name":"n","description":"","status":"Weird","createDate":"x","lastOpDate":null}]}"#;
    match classify_read_back(200, one, "u") {
        Outcome::Unconfirmed(Unconfirmed::OtherStatus(inv)) => {
            assert_eq!(inv.status, "Weird");
            assert_eq!(
                inv.create_date.unwrap(),
                ZDate {
                    raw: "x".into(),
                    parsed: None
                }
            );
            assert!(inv.last_op_date.is_none());
        }
        other => panic!("{other:?}"),
    }
    let stopped = r#"{"inventories":[{"uuid":"u","name":"n","status":"Stopped"}]}"#;
    assert!(matches!(
        classify_read_back(200, stopped, "u"),
        Outcome::Stopped(_)
    ));
    assert!(matches!(
        classify_read_back(200, stopped, "v"),
        Outcome::Unconfirmed(Unconfirmed::OtherTask(_))
    ));
    assert_eq!(
        classify_read_back(200, r#"{"inventories":[]}"#, "u"),
        Outcome::Unconfirmed(Unconfirmed::NoTask)
    );
    match classify_read_back(503, r#"{"error":{"code":"ID.1001"}}"#, "u") {
        Outcome::Unconfirmed(Unconfirmed::ReadFailed(o)) => assert_eq!(o.kind(), "api-error"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        classify_read_back(200, "<html>", "u"),
        Outcome::Unconfirmed(Unconfirmed::ReadFailed(_))
    ));
}

#[test]
fn bodies_are_clipped_to_4_kb_on_a_character_boundary() {
    let long = "é".repeat(5000);
    let clipped = clip(&long);
    assert!(clipped.len() <= BODY_SHOWN && clipped.len() >= BODY_SHOWN - 1);
    match classify_stop(500, &long) {
        Step::Done(Outcome::HttpError { body, .. }) => assert_eq!(body, clipped),
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_codes_keep_every_field_and_nest_causes_in_order() {
    let body = r#"{"error":{"causes":[{"code":"C.2"},{"code":"C.3"}],"code":"A.1","description":"top","details":"d","elaboration":"e",
        "opaque":{"k":{"x":[1,2]},"n":null},"cause":{"code":"B.1","cause":{"code":"B.2"}},"location":"L","cost":"5ms","futureField":{"y":true}}}"#;
    let Step::Done(Outcome::ApiError(t)) = classify_poll(503, body, "j") else {
        panic!()
    };
    let root = t.root();
    assert_eq!(
        (
            root.code.as_str(),
            root.description.as_deref(),
            root.details.as_deref(),
            root.elaboration.as_deref()
        ),
        ("A.1", Some("top"), Some("d"), Some("e"))
    );
    assert_eq!(
        root.opaque,
        vec![
            ("k".into(), r#"{"x":[1,2]}"#.into()),
            ("n".into(), "null".into())
        ]
    );
    assert_eq!(
        root.other,
        vec![
            ("location".into(), "\"L\"".into()),
            ("cost".into(), "\"5ms\"".into()),
            ("futureField".into(), r#"{"y":true}"#.into())
        ]
    );
    let codes: Vec<&str> = root
        .causes
        .iter()
        .map(|c| t.nodes[*c].code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["B.1", "C.2", "C.3"],
        "cause first, then causes in order"
    );
    assert_eq!(t.depth(), 3);
}

#[test]
fn a_chain_thousands_deep_decodes_without_recursion() {
    // Natively each level re-reads its nested text, so this stays at a few
    // thousand; the browser test decodes a 10,000-deep chain.
    let depth = 1_500;
    let mut s = String::from(r#"{"error":"#);
    for i in 0..depth {
        s.push_str(&format!(r#"{{"code":"SYS.{i}","cause":"#));
    }
    s.push_str(r#"{"code":"LAST"}"#);
    s.push_str(&"}".repeat(depth + 1));
    let Step::Done(Outcome::ApiError(t)) = classify_poll(503, &s, "j") else {
        panic!()
    };
    // The outcome holds the 24 levels the panel shows first; the 24th keeps
    // the rest as sent, and decoding on from it reaches the end.
    assert_eq!(t.depth(), 24);
    assert_eq!(t.nodes.len(), 24);
    let last = t.nodes.iter().find(|n| n.deeper.is_some()).unwrap();
    assert_eq!(last.code, "SYS.23");
    assert!(last.causes.is_empty());
    let rest =
        cbt_panel::protocol::decode_error_to(last.deeper.as_ref().unwrap(), usize::MAX).unwrap();
    assert_eq!(rest.root().code, "SYS.23");
    assert_eq!(rest.depth(), depth + 1 - 23);
    let whole = cbt_panel::protocol::decode_error(&t.raw).unwrap();
    assert_eq!(whole.depth(), depth + 1);
    assert_eq!(whole.nodes.len(), depth + 1);
    assert!(whole.nodes.iter().all(|n| n.deeper.is_none()));
}

#[test]
fn dates_in_every_server_format() {
    assert_eq!(
        parse_date("Nov 14, 2017 10:20:57 PM"),
        Some(When::Local(2017, 11, 14, 22, 20, 57))
    );
    assert_eq!(
        parse_date("Nov 14, 2017, 10:20:57 PM"),
        Some(When::Local(2017, 11, 14, 22, 20, 57))
    );
    assert_eq!(
        parse_date("Jan 1, 2026, 12:05:00\u{202f}AM"),
        Some(When::Local(2026, 1, 1, 0, 5, 0))
    );
    assert_eq!(
        parse_date("Jan 1, 2026 12:05:00 PM"),
        Some(When::Local(2026, 1, 1, 12, 5, 0))
    );
    assert_eq!(
        parse_date("1510698057000"),
        Some(When::EpochMs(1_510_698_057_000))
    );
    for bad in [
        "",
        "yesterday",
        "Foo 14, 2017 10:20:57 PM",
        "Nov 14, 2017 13:20:57 PM",
        "Nov 14, 2017 10:20 PM",
        "2017-11-14T22:20:57Z",
        "Feb 31, 2017 10:20:57 PM",
        "Feb 29, 2017 10:20:57 PM",
        "Nov 14, 17 10:20:57 PM",
        "99999999999999999",
    ] {
        assert_eq!(parse_date(bad), None, "{bad:?}");
    }
}

#[test]
fn statuses_unknown_values_are_kept() {
    assert_eq!(Status::from_sent("Starting"), Some(Status::Starting));
    assert_eq!(Status::from_sent("Paused"), None);
}

#[test]
fn login_reply_and_body() {
    assert_eq!(
        classify_login(
            200,
            r#"{"inventory":{"uuid":"B86C9016-b4f24953a9edefb53ca0678c"}}"#
        )
        .unwrap(),
        "b86c9016b4f24953a9edefb53ca0678c"
    );
    // A session that is not a UUID never reaches a header or a shell.
    assert_eq!(
        classify_login(200, r#"{"inventory":{"uuid":"x' ; touch pwned"}}"#)
            .unwrap_err()
            .kind(),
        "bad-response"
    );
    let e = classify_login(503, r#"{"error":{"code":"ID.1000"}}"#).unwrap_err();
    assert_eq!(e.kind(), "api-error");
    assert_eq!(
        login_body("ad\"min", "ff"),
        r#"{"logInByAccount":{"accountName":"ad\"min","password":"ff"}}"#
    );
    assert_eq!(
        logout_url("http://h/", "s"),
        "http://h/zstack/v1/accounts/sessions/s"
    );
}

#[test]
fn seconds_show_one_decimal() {
    assert_eq!(seconds(0), "0.0");
    assert_eq!(seconds(2_549), "2.5");
    assert_eq!(seconds(61_000), "61.0");
}

#[test]
fn backoff_grows_from_250_ms_to_2_s() {
    let mut w = 250;
    let mut seen = vec![w];
    for _ in 0..8 {
        w = next_backoff(w);
        seen.push(w);
    }
    assert_eq!(seen[1], 375);
    assert_eq!(*seen.last().unwrap(), 2000);
    assert!(seen.windows(2).all(|p| p[0] <= p[1]));
}

#[test]
fn outcome_kinds_match_the_contract() {
    let kinds = [
        Outcome::Cancelled.kind(),
        Outcome::TimedOut(1).kind(),
        Outcome::NetworkError("x".into()).kind(),
        Outcome::JobExpired {
            job_id: "j".into(),
            body: String::new(),
        }
        .kind(),
    ];
    assert_eq!(
        kinds,
        ["cancelled", "timed-out", "network-error", "job-expired"]
    );
}

#[test]
fn config_files_every_key_optional_errors_in_plain_words() {
    assert_eq!(parse_config("{}").unwrap(), Default::default());
    let c = parse_config(r#"{"apiBase":"https://z.example.com/","allowedOrigins":["https://c.example.com"],"requestTimeoutMs":5000,"rememberSession":"tab","later":1}"#).unwrap();
    assert_eq!(c.api_base.as_deref(), Some("https://z.example.com"));
    assert_eq!(c.allowed_origins, vec!["https://c.example.com"]);
    assert_eq!(c.request_timeout_ms, Some(5000));
    assert!(c.remember_tab);
    assert!(parse_config("{\"apiBase\": ")
        .unwrap_err()
        .contains("not valid JSON"));
    assert!(parse_config(r#"{"apiBase":"ftp://x"}"#)
        .unwrap_err()
        .contains("http://"));
    assert!(parse_config(r#"{"requestTimeoutMs":-1}"#)
        .unwrap_err()
        .contains("positive"));
    assert!(parse_config("[]").is_err());
    for (t, ms) in [("60000", 60_000), ("6e4", 60_000), ("60000.0", 60_000)] {
        let c = parse_config(&format!(r#"{{"requestTimeoutMs":{t}}}"#)).unwrap();
        assert_eq!(c.request_timeout_ms, Some(ms), "{t}");
    }
    for t in ["2147483648", "1e300", "0.5", "0"] {
        assert!(
            parse_config(&format!(r#"{{"requestTimeoutMs":{t}}}"#))
                .unwrap_err()
                .contains("at most 2147483647"),
            "{t}"
        );
    }
    // A wrong type names its key and what it takes (not the decoder's words).
    for (file, says) in [
        (
            r#"{"requestTimeoutMs":"5"}"#,
            "requestTimeoutMs must be a positive whole number",
        ),
        (r#"{"apiBase":5}"#, "apiBase must be text"),
        (
            r#"{"allowedOrigins":"https://c.example.com"}"#,
            "allowedOrigins must be a list",
        ),
        (r#"{"allowedOrigins":[1]}"#, "allowedOrigins must be a list"),
        (
            r#"{"rememberSession":true}"#,
            "rememberSession must be \"tab\" or \"off\"",
        ),
    ] {
        assert!(parse_config(file).unwrap_err().starts_with(says), "{file}");
    }
    assert_eq!(
        parse_config(r#"{"apiBase":null,"allowedOrigins":null,"requestTimeoutMs":null,"rememberSession":null}"#).unwrap(),
        Default::default()
    );
    assert!(parse_config(r#"{"rememberSession":"local"}"#).is_err());
}

#[test]
fn allowed_origins_are_origins_normalised() {
    use cbt_panel::config::normalize_origin;
    for (given, want) in [
        (
            "https://Console.example.com:443",
            "https://console.example.com",
        ),
        ("http://c.example.com:80/", "http://c.example.com"),
        ("https://c.example.com:8443", "https://c.example.com:8443"),
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
        ("http://[::1]:9000", "http://[::1]:9000"),
    ] {
        assert_eq!(normalize_origin(given).as_deref(), Ok(want), "{given}");
    }
    for bad in [
        "null",
        "*",
        "https://*.example.com",
        "https://c.example.com/console",
        "https://c.example.com?x",
        "ftp://c.example.com",
        "https://user@c.example.com",
        "https://c.example.com:99999",
        "c.example.com",
        "https://",
    ] {
        assert!(normalize_origin(bad).is_err(), "{bad}");
    }
    let c = parse_config(r#"{"allowedOrigins":["https://Console.example.com:443"]}"#).unwrap();
    assert_eq!(c.allowed_origins, vec!["https://console.example.com"]);
    let e = parse_config(r#"{"allowedOrigins":["null"]}"#).unwrap_err();
    assert!(e.contains("\"null\" is not an origin"), "{e}");
}

#[test]
fn a_missing_config_file_is_the_defaults_even_as_an_spa_fallback() {
    use cbt_panel::config::config_reply;
    assert_eq!(config_reply(404, None, "").unwrap(), Default::default());
    assert_eq!(
        config_reply(
            200,
            Some("text/html; charset=utf-8"),
            "<!doctype html><html>"
        )
        .unwrap(),
        Default::default()
    );
    assert_eq!(
        config_reply(200, None, "  <html>").unwrap(),
        Default::default()
    );
    assert!(config_reply(500, None, "")
        .unwrap_err()
        .contains("HTTP 500"));
    assert!(config_reply(200, Some("application/json"), "{")
        .unwrap_err()
        .contains("not valid JSON"));
}

#[test]
fn embed_messages_round_trip_and_refuse_strangers() {
    use cbt_panel::embed::*;
    let configure = |t: &str| parse_configure(&cbt_panel::wire::Raw::parse(t).unwrap());
    let c = configure(r#"{"type":"cbt-panel:configure","version":1,"session":"s","uuid":"u","force":true,"lang":"zh","theme":"dark"}"#).unwrap();
    assert_eq!(
        (
            c.session.as_deref(),
            c.uuid.as_deref(),
            c.force,
            c.lang.as_deref(),
            c.theme.as_deref()
        ),
        (Some("s"), Some("u"), Some(true), Some("zh"), Some("dark"))
    );
    assert!(configure(r#"{"type":"cbt-panel:configure","version":2}"#).is_none());
    assert!(configure(r#"{"type":"other","version":1}"#).is_none());
    assert!(configure(r#""not an object""#).is_none());
    assert!(configure(r#"{"type":"cbt-panel:configure","version":1,"force":"yes"}"#).is_none());
    assert_eq!(
        configure(r#"{"type":"cbt-panel:configure","version":1,"lang":"fr"}"#)
            .unwrap()
            .lang,
        None
    );
    assert!(origin_allowed(
        &["https://c.example.com".into()],
        "https://c.example.com"
    ));
    assert!(!origin_allowed(
        &["https://c.example.com".into()],
        "https://evil.example.com"
    ));
    assert_eq!(
        ready_message().to_text(),
        r#"{"type":"cbt-panel:ready","version":1}"#
    );
    assert_eq!(
        resize_message(420).to_text(),
        r#"{"type":"cbt-panel:resize","version":1,"height":420}"#
    );
    let body = r#"{"error":{"code":"A","details":"d","opaque":{"k":[1]},"cause":{"code":"B"},"causes":[{"code":"C"}],"cost":"1ms"}}"#;
    let Step::Done(o) = classify_poll(503, body, "j") else {
        panic!()
    };
    // Every outcome names its task, for one task as for several.
    assert_eq!(
        outcome_message(&o, "ab").to_text(),
        r#"{"type":"cbt-panel:outcome","version":1,"outcome":"api-error","uuid":"ab","error":{"code":"A","details":"d","opaque":{"k":[1]},"cause":{"code":"B"},"causes":[{"code":"C"}],"cost":"1ms"}}"#
    );
    // Several tasks: each outcome names its task, then one batch message.
    assert_eq!(
        outcome_message(&Outcome::Cancelled, "ab").to_text(),
        r#"{"type":"cbt-panel:outcome","version":1,"outcome":"cancelled","uuid":"ab"}"#
    );
    use cbt_panel::batch::{NotSent, Row};
    let rows = [
        ("a1".to_string(), Row::Ended(o.clone())),
        ("b2".to_string(), Row::NotSent(NotSent::SessionExpired)),
    ];
    let refs: Vec<(String, &Row)> = rows.iter().map(|(u, r)| (u.clone(), r)).collect();
    assert_eq!(
        batch_message(&refs).to_text(),
        r#"{"type":"cbt-panel:batch","version":1,"results":[{"uuid":"a1","outcome":"api-error","code":"A"},{"uuid":"b2","outcome":"not-sent"}]}"#
    );
    let c = parse_configure(
        &cbt_panel::wire::Raw::parse(
            r#"{"type":"cbt-panel:configure","version":1,"uuids":["a","b"]}"#,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(c.uuids, Some(vec!["a".to_string(), "b".to_string()]));
}

#[test]
fn examples_decode_like_real_replies() {
    let u = "0b7f3a9c2e5d4b18a6c1f0e9d8b7a652";
    match Example::Stopped.outcome(u) {
        Outcome::Stopped(inv) => {
            assert_eq!(inv.uuid, u);
            assert_eq!(inv.name, "My Task");
            assert_eq!(inv.status, "Stopped");
            assert!(inv.create_date.unwrap().parsed.is_some());
        }
        o => panic!("{o:?}"),
    }
    let code = |e: Example| match e.outcome(u) {
        Outcome::ApiError(t) => t.root().code.clone(),
        o => panic!("{o:?}"),
    };
    assert_eq!(code(Example::TaskNotFound), "SYS.1006");
    assert_eq!(code(Example::SessionExpired), "ID.1001");
    assert_eq!(code(Example::Timeout), "SYS.1001");
    match Example::Timeout.outcome(u) {
        Outcome::ApiError(t) => assert_eq!(t.nodes[t.root().causes[0]].code, "HOST.1000"),
        o => panic!("{o:?}"),
    }
    // A UUID with quotes cannot break out of the JSON string.
    assert!(matches!(
        Example::TaskNotFound.outcome("x\"}"),
        Outcome::ApiError(_)
    ));
    for e in Example::ALL {
        assert_eq!(Example::from_id(e.id()), Some(e));
    }
    assert_eq!(Example::from_id("nope"), None);
}

#[test]
fn whole_numbers_only() {
    assert_eq!(whole_number("60000"), Some(60000));
    assert_eq!(whole_number("0"), Some(0));
    for bad in ["", "-1", "+1", "1.5", "1e3", " 1", "99999999999999999999"] {
        assert_eq!(whole_number(bad), None, "{bad}");
    }
}

#[test]
fn finder_queries_name_or_uuid_encoded_and_counted() {
    assert_eq!(
        finder_url("http://h:8080/", "web 01&x", 0).unwrap(),
        "http://h:8080/zstack/v1/cbt-task?q=name~%3D%25web%2001%26x%25&limit=10&start=0&sort=-lastOpDate&replyWithCount=true"
    );
    // Six or more hex digits (dashes allowed) search the UUID.
    assert_eq!(
        finder_url("http://h", " 5C1E-0B8E ", 10).unwrap(),
        "http://h/zstack/v1/cbt-task?q=uuid~%3D%255c1e0b8e%25&limit=10&start=10&sort=-lastOpDate&replyWithCount=true"
    );
    // Short hex-looking text is a name ("db").
    assert!(finder_url("http://h", "db", 0)
        .unwrap()
        .contains("q=name~%3D%25db%25"));
    assert_eq!(query_encode("名"), "%E5%90%8D");
}

/// ZStack's RestServer splits a condition at the first operator of its list
/// found anywhere in it, and reads `%`, `_` and `\` as LIKE syntax: search
/// text means itself, or is refused.
#[test]
fn finder_text_means_itself() {
    for (text, op) in [
        ("db!=prod", "!="),
        ("a>=b", ">="),
        ("x<=y", "<="),
        ("a!?=b", "!?="),
        ("a!~=b", "!~="),
    ] {
        assert_eq!(finder_url("http://h", text, 0), Err(op), "{text}");
    }
    assert_eq!(like_literal(r"50%_off\x"), r"50\%\_off\\x");
    assert!(finder_url("http://h", "db_1%", 0)
        .unwrap()
        .contains(&format!("q={}&", query_encode(r"name~=%db\_1\%%"))));
    // `=`, `>` and `<` come after `~=` in the server's list: harmless.
    assert!(finder_url("http://h", "a=b <c>", 0).is_ok());
}

/// Text inputs the person (or a link, a host) controls: nothing panics,
/// whatever they hold.
#[test]
fn no_text_input_panics() {
    let mut inputs: Vec<String> = [
        "",
        " ",
        "\t\n",
        "-",
        "--",
        "----",
        "%",
        "_",
        "\\",
        "'",
        "\"",
        "=",
        "!=",
        "~=",
        "名",
        "é",
        "\u{200b}",
        "😀",
        "a-b-c",
        "5c1e0b8e-7d2a-4f0c-9b3e-6a1d2f4c8e71",
        "\r\nX",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    inputs.push("x".repeat(100_000));
    inputs.push("名-".repeat(10_000));
    inputs.push("-".repeat(5_000));
    for t in &inputs {
        let _ = normalize_uuid(t);
        let _ = parse_tags(t);
        let _ = example_page(t, 0);
        let _ = example_page(t, 7);
        let _ = example_summary(t);
        let _ = finder_url("http://h", t, 0);
        let _ = query_encode(t);
        let _ = like_literal(t);
        let _ = parse_config(t);
        let _ = parse_date(t);
        let _ = cbt_panel::config::normalize_origin(t);
        let _ = mask_session(t);
        let _ = Example::Stopped.reply(t);
        let r = StopRequest {
            uuid: t.clone(),
            session: t.clone(),
            system_tags: parse_tags(t),
            ..req()
        };
        for c in cbt_panel::snippets::Client::ALL {
            let _ = r.snippet(c, true);
        }
    }
}

#[test]
fn a_page_longer_than_asked_is_kept_to_what_was_asked() {
    let item = |i: usize| format!(r#"{{"uuid":"{i:032x}","name":"task {i}","status":"Running"}}"#);
    let items: Vec<String> = (0..20_000).map(item).collect();
    let body = format!(r#"{{"inventories":[{}],"total":20000}}"#, items.join(","));
    let page = classify_page(200, &body, 50).unwrap();
    assert_eq!(page.items.len(), 50);
    assert_eq!(page.items[49].name, "task 49");
    assert_eq!(page.total, Some(20_000));
    // A name longer than anyone reads is clipped for the list.
    let mut name = "é".repeat(4_000_000);
    cbt_panel::protocol::clip_name(&mut name);
    assert!(name.len() <= cbt_panel::protocol::NAME_SHOWN + '…'.len_utf8());
    assert!(name.ends_with('…'));
}

#[test]
fn pages_and_summaries_read_query_replies() {
    let inv = r#"{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","name":"My Task","status":"Running"}"#;
    let page = classify_page(
        200,
        &format!(r#"{{"inventories":[{inv}],"total":12,"schema":{{}}}}"#),
        50,
    )
    .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.total, Some(12));
    assert_eq!(
        classify_page(200, r#"{"inventories":[]}"#, 50)
            .unwrap()
            .total,
        None
    );
    let body = format!(r#"{{"inventories":[{inv}]}}"#);
    match classify_summary(200, &body, "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71") {
        Summary::Task(t) => {
            assert_eq!((t.name.as_str(), t.status.as_str()), ("My Task", "Running"))
        }
        s => panic!("{s:?}"),
    }
    assert_eq!(
        classify_summary(200, r#"{"inventories":[]}"#, "ab"),
        Summary::NoTask
    );
    // Another task's inventory is not this one's.
    assert_eq!(
        classify_summary(200, &body, "0b7f3a9c2e5d4b18a6c1f0e9d8b7a652"),
        Summary::NoTask
    );
    let expired = r#"{"error":{"code":"ID.1001","description":"The session is invalid"}}"#;
    match classify_summary(401, expired, "ab") {
        Summary::Failed(o) => assert_eq!(o.kind(), "api-error"),
        s => panic!("{s:?}"),
    }
}

#[test]
fn example_mode_finds_and_reads_its_tasks_without_network() {
    let p = example_page("task", 0);
    assert_eq!(p.total, Some(3));
    assert!(p.items.iter().any(|i| i.name == "My Task"));
    assert_eq!(example_page("5C1E-0B8E", 0).items[0].name, "My Task");
    assert_eq!(example_page("nothing like it", 0).total, Some(0));
    assert!(matches!(example_summary(EXAMPLE_UUID), Summary::Task(t) if t.status == "Running"));
    assert_eq!(
        example_summary("fa110000000000000000000000000001"),
        Summary::NoTask
    );
}

#[test]
fn hints_say_what_to_do_next() {
    let api = |code: &str, details: &str| {
        let body = format!(r#"{{"error":{{"code":"{code}","details":"{details}"}}}}"#);
        let Step::Done(o) = classify_stop(503, &body) else {
            panic!()
        };
        o
    };
    assert_eq!(hints(&api("ID.1001", ""), false), [Hint::SessionExpired]);
    assert_eq!(
        hints(&api("SYS.1001", "timeout"), false),
        [Hint::ServerTimeout]
    );
    assert_eq!(
        hints(&api("SYS.1006", "cannot find the cbt task[uuid:ab]"), false),
        [Hint::NoSuchTask]
    );
    assert!(hints(&api("SYS.1006", "disk full"), false).is_empty());
    let Step::Done(limited) = classify_stop(429, "slow down") else {
        panic!()
    };
    assert_eq!(hints(&limited, false), [Hint::RateLimited]);
    let net = Outcome::NetworkError("TypeError: Failed to fetch".into());
    assert_eq!(hints(&net, true), [Hint::Cors, Hint::Unsure]);
    assert_eq!(hints(&net, false), [Hint::Unsure]);
    assert_eq!(hints(&Outcome::TimedOut(60_000), false), [Hint::Unsure]);
    assert!(hints(&Outcome::Cancelled, true).is_empty());
}

#[test]
fn an_error_level_from_its_fields_is_what_serde_decodes() {
    use cbt_panel::wire::{ErrorCode, Fields, Raw};
    for text in [
        r#"{"code":"SYS.1000","description":"d","details":"x","elaboration":"e","opaque":{"a":1},"cause":{"code":"C"},"causes":[{"code":"D"}],"extra":[1]}"#,
        r#"{"code":null,"description":"only","cause":null,"causes":null,"opaque":null}"#,
        r#"{"details":"no code"}"#,
        r#"{}"#,
    ] {
        let raw = Raw::parse(text).unwrap();
        let fields: Fields = raw.decode().unwrap();
        let whole: ErrorCode = raw.decode().unwrap();
        assert_eq!(ErrorCode::from_fields(&fields).unwrap(), whole, "{text}");
    }
    // A known field of the wrong type fails both ways.
    for text in [
        r#"{"code":5}"#,
        r#"{"causes":{"code":"C"}}"#,
        r#"{"description":["x"]}"#,
    ] {
        let raw = Raw::parse(text).unwrap();
        let fields: Fields = raw.decode().unwrap();
        assert!(raw.decode::<ErrorCode>().is_err(), "{text}");
        assert!(ErrorCode::from_fields(&fields).is_err(), "{text}");
    }
}
