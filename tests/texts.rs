//! The texts built from the locale files (build.rs): every text that
//! fills placeholders, in both languages, says what it said when the texts
//! were written in code; `fill` leaves what it cannot fill as written.

use cbt_panel::batch::Tally;
use cbt_panel::i18n::{fill, Texts, EN, ZH};
use cbt_panel::protocol::{BadKind, UuidError};

/// Every filled text of `t`, one a line.
fn filled(t: &Texts) -> String {
    let mut out = Vec::new();
    out.extend([t.timing(1240, 1), t.timing(600, 3), t.timing(0, 0)]);
    for s in [
        "Created", "Starting", "Running", "Stopped", "Failed", "Weird",
    ] {
        out.push(t.status_label(s).into_owned());
    }
    out.push(t.select_task("db-x"));
    for n in [0, 1, 2, 12] {
        out.push(format!(
            "{}|{}|{}",
            t.n_selected(n),
            t.stop_n(n, true),
            t.stop_n(n, false)
        ));
    }
    for (stopped, failed, not_sent, pending) in
        [(0, 0, 0, 0), (3, 1, 0, 0), (0, 2, 1, 4), (5, 0, 0, 1)]
    {
        out.push(t.tally(&Tally {
            stopped,
            failed,
            not_sent,
            pending,
        }));
    }
    out.push(t.finder_operator("="));
    for e in [
        UuidError::Empty,
        UuidError::Length(5),
        UuidError::NotHex('x'),
    ] {
        out.push(t.uuid_error("Task UUID", &e));
    }
    for k in [
        BadKind::NotJson("eof".into()),
        BadKind::UnknownShape,
        BadKind::NoJobLocation,
        BadKind::TooLarge(9_000_000),
    ] {
        out.push(t.bad_kind(&k));
    }
    out.join("\n") + "\n"
}

#[test]
fn filled_texts_in_both_languages() {
    assert_eq!(filled(&EN) + &filled(&ZH), EXPECTED);
}

#[test]
fn fill_leaves_what_it_cannot_fill() {
    assert_eq!(fill("{{ n }} of {{n}}", &[("n", &3)]), "3 of 3");
    assert_eq!(
        fill("{{ who }} and {{ n }}", &[("n", &3)]),
        "{{ who }} and 3"
    );
    assert_eq!(fill("open {{ n", &[("n", &3)]), "open {{ n");
    assert_eq!(fill("/disable/{uuid}", &[("uuid", &1)]), "/disable/{uuid}");
}

const EXPECTED: &str = "Took 1.2 s · 1 poll
Took 0.6 s · 3 polls
Took 0.0 s · 0 polls
Created
Starting
Running
Stopped
Failed
Weird
Select db-x
0 tasks selected|Stop 0 tasks?|Stop 0 tasks
1 task selected|Stop 1 tasks?|Stop 1 tasks
2 tasks selected|Stop 2 tasks?|Stop 2 tasks
12 tasks selected|Stop 12 tasks?|Stop 12 tasks
0 stopped
3 stopped, 1 failed
0 stopped, 2 failed, 1 not sent, 4 in progress
5 stopped, 1 in progress
The search cannot contain “=”: ZStack would read it as a query operator.
Enter the UUID of the CBT task to stop.
Task UUID must have 32 hex digits (dashes allowed); this one has 5.
Task UUID may contain only 0-9, a-f and dashes; 'x' is not allowed.
The body is not JSON (eof).
The body is JSON but not of any shape ZStack sends.
The server accepted the request but gave no job location to follow.
The body is 9 MB, more than the 8 MB the panel reads; it was not read whole (its start is below).
用时 1.2 秒 · 轮询 1 次
用时 0.6 秒 · 轮询 3 次
用时 0.0 秒 · 轮询 0 次
已创建
启动中
运行中
已停止
失败
Weird
选择 db-x
已选择 0 个任务|停止 0 个任务？|停止 0 个任务
已选择 1 个任务|停止 1 个任务？|停止 1 个任务
已选择 2 个任务|停止 2 个任务？|停止 2 个任务
已选择 12 个任务|停止 12 个任务？|停止 12 个任务
已停止 0 个
已停止 3 个，失败 1 个
已停止 0 个，失败 2 个，未发送 1 个，进行中 4 个
已停止 5 个，进行中 1 个
搜索文字不能包含“=”：ZStack 会把它当作查询运算符。
请输入要停止的 CBT 任务的 UUID。
Task UUID 必须是 32 位十六进制数字（可含连字符），当前为 5 位。
Task UUID 只能包含 0-9、a-f 和连字符，不允许“x”。
回复内容不是 JSON（eof）。
回复是 JSON，但不是 ZStack 的任何已知格式。
服务器接受了请求，但没有给出可跟踪的作业地址。
回复内容有 9 MB，超过面板读取的上限 8 MB，未完整读取（下面是其开头部分）。
";
