//! Native tests of the selection of "Several tasks": what a host or a
//! hostile list can put in it, and what a stop would send.

use cbt_panel::protocol::decode_inventory;
use cbt_panel::selection::{Known, SelectedTask, SelectedTasks};
use cbt_panel::wire::Raw;

fn listed(uuid: &str, name: &str) -> SelectedTask {
    let raw = Raw::parse(&format!(
        r#"{{"uuid":{uuid:?},"name":{name:?},"status":"Running"}}"#
    ))
    .unwrap();
    SelectedTask::listed(&decode_inventory(&raw).unwrap())
}

#[test]
fn a_listed_uuid_that_is_not_a_uuid_is_never_sendable() {
    for bad in [
        "../../accounts/sessions/x?",
        "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71/../x",
        "5C1E0B8E7D2A4F0C9B3E6A1D2F4C8E71",
        "",
        "5c1e0b8e-7d2a-4f0c-9b3e-6a1d2f4c8e71",
    ] {
        let p = listed(bad, "evil");
        assert_eq!(p.known, Known::Unknown, "{bad}");
        assert!(!p.sendable());
    }
    let ok = listed("5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71", "My Task");
    assert!(ok.sendable());
    let mut picks = SelectedTasks::default();
    picks.extend([ok, listed("../../accounts/sessions/x?", "evil")]);
    assert_eq!(picks.sendable_count(), 1);
    assert_eq!(picks.sendable()[0].uuid, "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71");
}

#[test]
fn a_hosts_duplicates_count_once_in_its_order() {
    let picks = SelectedTasks::named(&[
        "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71",
        "5C1E0B8E-7D2A-4F0C-9B3E-6A1D2F4C8E71",
        "0b7f3a9c2e5d4b18a6c1f0e9d8b7a652",
        " 5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71 ",
        "not a uuid",
        "not a uuid",
    ]);
    let all: Vec<(&str, Known)> = picks.iter().map(|p| (p.uuid.as_str(), p.known)).collect();
    assert_eq!(
        all,
        vec![
            ("5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71", Known::Checking),
            ("0b7f3a9c2e5d4b18a6c1f0e9d8b7a652", Known::Checking),
            ("not a uuid", Known::Unknown),
        ]
    );
}

#[test]
fn ticking_and_unticking_among_many_keep_order_and_count() {
    let uuid = |i: usize| format!("{i:032x}");
    let mut picks = SelectedTasks::default();
    picks.extend((0..50_000).map(|i| listed(&uuid(i), &format!("t{i}"))));
    assert_eq!(picks.sendable_count(), 50_000);
    // Asking is a set look-up: 50,000 questions over 50,000 picks.
    assert!((0..50_000).all(|i| picks.contains(&uuid(i))));
    picks.toggle(listed(&uuid(7), "t7"));
    assert!(!picks.contains(&uuid(7)));
    assert_eq!(picks.sendable_count(), 49_999);
    picks.toggle(listed(&uuid(7), "t7"));
    assert_eq!(picks.iter().last().map(|p| p.name.as_str()), Some("t7"));
    picks.extend([listed(&uuid(3), "again")]);
    assert_eq!(picks.sendable_count(), 50_000, "a task is picked once");
    let p = picks.get_mut(&uuid(3)).unwrap();
    p.known = Known::Unknown;
    assert_eq!(picks.sendable_count(), 49_999);
    picks.clear();
    assert_eq!(picks.iter().count(), 0);
}
