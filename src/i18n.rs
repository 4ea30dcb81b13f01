//! English and Simplified Chinese texts.

use crate::protocol::{BadKind, Status, UuidError};

/// A language the panel speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `zh`, `zh-CN`, `zh-Hans`… are Chinese; everything else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// Milliseconds as seconds with one decimal: `"2.5"`.
pub fn seconds(ms: u64) -> String {
    format!("{:.1}", ms as f64 / 1000.0)
}

/// Picks one text of a language (`|t| t.stop`).
pub type Pick = fn(&'static Texts) -> &'static str;

/// Every fixed text of the panel.
pub struct Texts {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub session: &'static str,
    pub show_session: &'static str,
    pub task_uuid: &'static str,
    pub force: &'static str,
    pub force_hint: &'static str,
    pub system_tags: &'static str,
    pub user_tags: &'static str,
    pub tags_hint: &'static str,
    pub stop: &'static str,
    pub stopping: &'static str,
    pub cancel: &'static str,
    pub result: &'static str,
    pub idle: &'static str,
    pub session_required: &'static str,
    pub uuid_required: &'static str,
    pub fix_fields: &'static str,
    pub sending: &'static str,
    pub waiting_job: &'static str,
    pub job_id: &'static str,
    pub elapsed: &'static str,
    pub stopped_title: &'static str,
    pub uuid: &'static str,
    pub description: &'static str,
    pub status: &'static str,
    pub created: &'static str,
    pub last_op: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub api_error_title: &'static str,
    pub code: &'static str,
    pub details: &'static str,
    pub elaboration: &'static str,
    pub opaque: &'static str,
    pub causes: &'static str,
    pub show_deeper: &'static str,
    pub http_error_title: &'static str,
    pub http_error_text: &'static str,
    pub body: &'static str,
    pub empty_body: &'static str,
    pub bad_response_title: &'static str,
    pub network_title: &'static str,
    pub network_text: &'static str,
    pub timed_out_title: &'static str,
    pub timed_out_text: &'static str,
    pub cancelled_title: &'static str,
    pub cancelled_text: &'static str,
    pub expired_title: &'static str,
    pub expired_text: &'static str,
    pub invalid_title: &'static str,
    pub preview: &'static str,
    pub copy_curl: &'static str,
    pub code_for: &'static str,
    pub request_details: &'static str,
    pub took: &'static str,
    pub polls_before: &'static str,
    pub poll_after: &'static str,
    pub polls_after: &'static str,
    pub no_reply: &'static str,
    pub body_kept: &'static str,
    pub tab_one: &'static str,
    pub tab_several: &'static str,
    pub tasks_table: &'static str,
    pub filter_tasks: &'static str,
    pub filter_placeholder: &'static str,
    pub status_all: &'static str,
    pub col_name: &'static str,
    pub col_select: &'static str,
    pub select_all_shown: &'static str,
    pub clear_selection: &'static str,
    pub stop_selected: &'static str,
    pub back: &'static str,
    pub stopping_tasks: &'static str,
    pub results_table: &'static str,
    pub col_outcome: &'static str,
    pub retry_rest: &'static str,
    pub copy_results: &'static str,
    pub not_sent: &'static str,
    pub not_sent_expired: &'static str,
    pub not_sent_cancelled: &'static str,
    pub unknown_task: &'static str,
    pub checking_task: &'static str,
    pub hide: &'static str,
    pub batch_expired: &'static str,
    pub queued: &'static str,
    pub running: &'static str,
    pub nothing_selected: &'static str,
    pub bytes: &'static str,
    pub history_title: &'static str,
    pub show_again: &'static str,
    pub example_tag: &'static str,
    pub config_error: &'static str,
    pub session_by_host: &'static str,
    pub attributes_error: &'static str,
    pub seconds: &'static str,
    pub sign_in_title: &'static str,
    pub account_name: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub signed_in: &'static str,
    pub sign_in_required: &'static str,
    pub remember: &'static str,
    pub use_examples: &'static str,
    pub example_answer: &'static str,
    /// One label per [`crate::protocol::Example`], in the order of `Example::ALL`.
    pub examples: [&'static str; 4],
    pub example_note: &'static str,
    pub example_banner: &'static str,
    pub unconfirmed_title: &'static str,
    pub unconfirmed_other_status: &'static str,
    pub unconfirmed_other_task: &'static str,
    pub unconfirmed_no_task: &'static str,
    pub unconfirmed_read_failed: &'static str,
    pub config_loading: &'static str,
    pub config_timeout: &'static str,
    pub sign_in_timeout: &'static str,
    pub sign_in_no_digest: &'static str,
    pub copy_failed: &'static str,
    pub show_more: &'static str,
    pub show_all: &'static str,
    pub clipped: &'static str,
    pub find_task: &'static str,
    pub finder_placeholder: &'static str,
    pub finder_more: &'static str,
    pub finder_searching: &'static str,
    pub finder_none: &'static str,
    pub finder_of: &'static str,
    pub need_session: &'static str,
    pub summary_reading: &'static str,
    pub summary_none: &'static str,
    pub summary_failed: &'static str,
    pub summary_stopped: &'static str,
    pub hint_session: &'static str,
    pub hint_no_task: &'static str,
    pub hint_cors: &'static str,
    pub hint_rate: &'static str,
    pub hint_timeout: &'static str,
    pub hint_unsure: &'static str,
    pub check_task: &'static str,
    pub shortcuts: &'static str,
}

pub static EN: Texts = Texts {
    title: "Stop CBT Task",
    subtitle: "DisableCbtTask · POST /zstack/v1/cbt-task/disable/{uuid}",
    session: "Session UUID",
    show_session: "Show session",
    task_uuid: "Task UUID",
    force: "Force",
    force_hint: "Stop even if the task is busy",
    system_tags: "System tags",
    user_tags: "User tags",
    tags_hint: "One tag per line",
    stop: "Stop CBT Task",
    stopping: "Stopping…",
    cancel: "Cancel",
    result: "Result",
    idle: "Fill in the session and the task, then stop the task. The result appears here.",
    session_required: "Enter a session UUID (sign in to your ZStack to get one).",
    uuid_required: "Enter the UUID of the CBT task to stop.",
    fix_fields: "Nothing was sent. Correct the highlighted fields.",
    sending: "Sending the request…",
    waiting_job: "The server accepted the request and is running it. Waiting for the job to finish…",
    job_id: "Job",
    elapsed: "Elapsed",
    stopped_title: "The task was stopped",
    uuid: "UUID",
    description: "Description",
    status: "Status",
    created: "Created",
    last_op: "Last operation",
    copy: "Copy",
    copied: "Copied",
    api_error_title: "The server refused to stop the task",
    code: "Code",
    details: "Details",
    elaboration: "Elaboration",
    opaque: "Opaque",
    causes: "Caused by",
    show_deeper: "Show deeper causes",
    http_error_title: "The server answered with an HTTP error",
    http_error_text: "The reply is not a ZStack error, so it probably came from a proxy or from the web server in front of ZStack.",
    body: "Body",
    empty_body: "(empty body)",
    bad_response_title: "The server's reply could not be understood",
    network_title: "The request did not reach the server",
    network_text: "The browser could not complete the request. Usual causes: the API address is wrong or the server is down; a proxy is in the way; or the server does not allow this page's origin (CORS).",
    timed_out_title: "Stopped waiting",
    timed_out_text: "No final answer came in time. The server may still complete the job: read the task later to learn its state.",
    cancelled_title: "Cancelled",
    cancelled_text: "Nothing more will be waited for. A request already received by the server may still complete.",
    expired_title: "The job result is gone",
    expired_text: "The server no longer has this job's result (it expired). Read the task to learn its state.",
    invalid_title: "Nothing was sent",
    preview: "Request preview",
    copy_curl: "Copy as curl",
    code_for: "Code for",
    request_details: "Request details",
    took: "Took",
    polls_before: "",
    poll_after: " poll",
    polls_after: " polls",
    no_reply: "No reply",
    body_kept: "Only the first 64 KB of this body is kept.",
    tab_one: "One task",
    tab_several: "Several tasks",
    tasks_table: "Tasks",
    filter_tasks: "Filter tasks",
    filter_placeholder: "Part of a name, or a UUID",
    status_all: "All",
    col_name: "Name",
    col_select: "Selected",
    select_all_shown: "Select all shown",
    clear_selection: "Clear selection",
    stop_selected: "Stop selected tasks",
    back: "Back",
    stopping_tasks: "Stopping tasks",
    results_table: "Stop results",
    col_outcome: "Outcome",
    retry_rest: "Retry the rest",
    copy_results: "Copy results",
    not_sent: "Not sent",
    not_sent_expired: "Not sent: the session expired",
    not_sent_cancelled: "Not sent: cancelled",
    unknown_task: "No such task: it will not be stopped",
    checking_task: "Checking…",
    hide: "Hide",
    batch_expired: "The session expired, so the tasks after it were not sent. Sign in again, then retry the rest.",
    queued: "Waiting",
    running: "Stopping…",
    nothing_selected: "Select the tasks to stop in the table.",
    bytes: "B",
    history_title: "Stopped in this tab",
    show_again: "Show",
    example_tag: "Example: nothing was sent",
    config_error: "Configuration error in panel.config.json",
    session_by_host: "Set by the page that shows this panel; not shown here.",
    attributes_error: "Configuration error in the attributes of <cbt-stop-panel>",
    seconds: "s",
    sign_in_title: "Sign in to get a session",
    account_name: "Account name",
    password: "Password",
    sign_in: "Sign in",
    sign_out: "Sign out",
    signed_in: "Signed in: the session is in the form.",
    sign_in_required: "Enter the account name and the password.",
    remember: "Remember for this tab",
    use_examples: "Use example responses",
    example_answer: "Example answer",
    examples: [
        "Stopped (My Task)",
        "Task not found (SYS.1006)",
        "Session expired (ID.1001)",
        "Timeout (SYS.1001)",
    ],
    example_note: "Example mode: nothing is sent. Answers are the published examples.",
    example_banner: "Example answer: nothing was sent and no task was stopped.",
    unconfirmed_title: "The server accepted the stop, but the task is not confirmed stopped",
    unconfirmed_other_status: "Reading the task back shows it in another state:",
    unconfirmed_other_task: "Reading the task back returned a different task:",
    unconfirmed_no_task: "Reading the task back found no task with this UUID.",
    unconfirmed_read_failed: "The task could not be read back, so its state is unknown:",
    config_loading: "Reading panel.config.json…",
    config_timeout: "panel.config.json did not arrive in time",
    sign_in_timeout: "The server did not answer the sign-in in time.",
    sign_in_no_digest: "This page cannot hash the password (SHA-512 needs a page served over https or from localhost).",
    copy_failed: "Copy failed",
    show_more: "Show more",
    show_all: "Show all",
    clipped: "characters not shown",
    find_task: "Find a task",
    finder_placeholder: "Part of a name or UUID",
    finder_more: "More",
    finder_searching: "Searching…",
    finder_none: "No CBT task matches.",
    finder_of: "of",
    need_session: "Enter the session UUID first (or sign in).",
    summary_reading: "Reading the task…",
    summary_none: "No CBT task has this UUID.",
    summary_failed: "The task could not be read:",
    summary_stopped: "already stopped; stopping it again is allowed",
    hint_session: "The session has expired or is not valid. Sign in again, then stop the task.",
    hint_no_task: "No CBT task has this UUID. Find the task by its name.",
    hint_cors: "The API is on another origin: the browser drops its answers unless that server allows this page's origin (CORS). Serve both from one origin through a proxy (README: “Same origin through a proxy”).",
    hint_rate: "The server is limiting requests. Wait a minute, then stop the task again.",
    hint_timeout: "The server timed out waiting for the task; it may still stop. Check the task in a moment.",
    hint_unsure: "The panel cannot tell whether the task stopped: it may or may not have. Check the task to see its state now.",
    check_task: "Check the task",
    shortcuts: "Ctrl+Enter (⌘+Enter on a Mac) stops from any field; Esc cancels a stop in flight.",
};

pub static ZH: Texts = Texts {
    title: "停止 CBT 任务",
    subtitle: "DisableCbtTask · POST /zstack/v1/cbt-task/disable/{uuid}",
    session: "会话 UUID",
    show_session: "显示会话",
    task_uuid: "任务 UUID",
    force: "强制",
    force_hint: "即使任务忙碌也停止",
    system_tags: "系统标签",
    user_tags: "用户标签",
    tags_hint: "每行一个标签",
    stop: "停止 CBT 任务",
    stopping: "正在停止…",
    cancel: "取消",
    result: "结果",
    idle: "填写会话和任务后停止任务，结果将显示在这里。",
    session_required: "请输入会话 UUID（登录 ZStack 获取）。",
    uuid_required: "请输入要停止的 CBT 任务的 UUID。",
    fix_fields: "未发送任何请求。请更正标出的字段。",
    sending: "正在发送请求…",
    waiting_job: "服务器已接受请求并正在执行，正在等待任务完成…",
    job_id: "作业",
    elapsed: "已用时间",
    stopped_title: "任务已停止",
    uuid: "UUID",
    description: "描述",
    status: "状态",
    created: "创建时间",
    last_op: "最后操作时间",
    copy: "复制",
    copied: "已复制",
    api_error_title: "服务器拒绝停止该任务",
    code: "错误码",
    details: "详情",
    elaboration: "说明",
    opaque: "附加信息",
    causes: "原因",
    show_deeper: "显示更深层的原因",
    http_error_title: "服务器返回了 HTTP 错误",
    http_error_text: "该回复不是 ZStack 错误，可能来自代理或 ZStack 前面的 Web 服务器。",
    body: "内容",
    empty_body: "（空）",
    bad_response_title: "无法理解服务器的回复",
    network_title: "请求未到达服务器",
    network_text: "浏览器无法完成请求。常见原因：API 地址错误或服务器未运行；中间有代理；或服务器不允许本页面的来源（CORS）。",
    timed_out_title: "已停止等待",
    timed_out_text: "未能及时收到最终答复。服务器可能仍会完成该作业：稍后查看任务以了解其状态。",
    cancelled_title: "已取消",
    cancelled_text: "不再等待任何结果。服务器已收到的请求仍可能完成。",
    expired_title: "作业结果已过期",
    expired_text: "服务器已不再保存该作业的结果。请查看任务以了解其状态。",
    invalid_title: "未发送任何请求",
    preview: "请求预览",
    copy_curl: "复制为 curl",
    code_for: "代码格式",
    request_details: "请求详情",
    took: "用时",
    polls_before: "轮询 ",
    poll_after: " 次",
    polls_after: " 次",
    no_reply: "无响应",
    body_kept: "此回复内容只保留了前 64 KB。",
    tab_one: "单个任务",
    tab_several: "多个任务",
    tasks_table: "任务",
    filter_tasks: "筛选任务",
    filter_placeholder: "名称的一部分，或 UUID",
    status_all: "全部",
    col_name: "名称",
    col_select: "选择",
    select_all_shown: "全选已显示的任务",
    clear_selection: "清除选择",
    stop_selected: "停止所选任务",
    back: "返回",
    stopping_tasks: "正在停止任务",
    results_table: "停止结果",
    col_outcome: "结果",
    retry_rest: "重试其余任务",
    copy_results: "复制结果",
    not_sent: "未发送",
    not_sent_expired: "未发送：会话已过期",
    not_sent_cancelled: "未发送：已取消",
    unknown_task: "没有此任务：不会停止它",
    checking_task: "正在检查…",
    hide: "隐藏",
    batch_expired: "会话已过期，其后的任务未发送。请重新登录，然后重试其余任务。",
    queued: "等待中",
    running: "正在停止…",
    nothing_selected: "请在表格中选择要停止的任务。",
    bytes: "字节",
    history_title: "本标签页的操作",
    show_again: "显示",
    example_tag: "示例：未发送任何请求",
    config_error: "panel.config.json 配置错误",
    session_by_host: "由嵌入此面板的页面设置，此处不显示。",
    attributes_error: "<cbt-stop-panel> 的属性配置错误",
    seconds: "秒",
    sign_in_title: "登录以获取会话",
    account_name: "账户名",
    password: "密码",
    sign_in: "登录",
    sign_out: "退出登录",
    signed_in: "已登录：会话已填入表单。",
    sign_in_required: "请输入账户名和密码。",
    remember: "在此标签页中记住",
    use_examples: "使用示例响应",
    example_answer: "示例结果",
    examples: [
        "已停止（My Task）",
        "找不到任务（SYS.1006）",
        "会话已过期（ID.1001）",
        "超时（SYS.1001）",
    ],
    example_note: "示例模式：不发送任何请求，结果来自文档中的示例。",
    example_banner: "示例结果：没有发送请求，也没有停止任何任务。",
    unconfirmed_title: "服务器已接受停止请求，但无法确认任务已停止",
    unconfirmed_other_status: "重新读取任务，显示它处于其他状态：",
    unconfirmed_other_task: "重新读取任务，返回了另一个任务：",
    unconfirmed_no_task: "重新读取任务，未找到具有此 UUID 的任务。",
    unconfirmed_read_failed: "无法重新读取任务，因此其状态未知：",
    config_loading: "正在读取 panel.config.json…",
    config_timeout: "panel.config.json 未能及时送达",
    sign_in_timeout: "服务器未能及时响应登录请求。",
    sign_in_no_digest: "此页面无法计算密码的 SHA-512（页面须通过 https 或 localhost 提供）。",
    copy_failed: "复制失败",
    show_more: "显示更多",
    show_all: "全部显示",
    clipped: "个字符未显示",
    find_task: "查找任务",
    finder_placeholder: "名称或 UUID 的一部分",
    finder_more: "更多",
    finder_searching: "正在查找…",
    finder_none: "没有匹配的 CBT 任务。",
    finder_of: "/",
    need_session: "请先输入会话 UUID（或登录）。",
    summary_reading: "正在读取任务…",
    summary_none: "没有 CBT 任务使用此 UUID。",
    summary_failed: "无法读取任务：",
    summary_stopped: "已停止；仍可再次停止",
    hint_session: "会话已过期或无效。请重新登录，然后再停止任务。",
    hint_no_task: "没有 CBT 任务使用此 UUID。请按名称查找任务。",
    hint_cors: "API 位于另一个源：除非该服务器允许本页面的源（CORS），浏览器会丢弃它的回复。请通过代理让两者同源（README：“Same origin through a proxy”）。",
    hint_rate: "服务器正在限制请求。请等待一分钟，然后再停止任务。",
    hint_timeout: "服务器等待任务超时；任务仍可能停止。请稍后检查任务。",
    hint_unsure: "面板无法确定任务是否已停止：可能已停止，也可能没有。请检查任务以查看其当前状态。",
    check_task: "检查任务",
    shortcuts: "在任意输入框按 Ctrl+Enter（Mac 上为 ⌘+Enter）即可停止；按 Esc 取消进行中的停止。",
};

impl Texts {
    /// A stop's time and polls: "Took 1.2 s · 2 polls".
    pub fn timing(&self, ms: u64, polls: usize) -> String {
        let after = if polls == 1 {
            self.poll_after
        } else {
            self.polls_after
        };
        format!(
            "{} {} {} · {}{polls}{after}",
            self.took,
            seconds(ms),
            self.seconds,
            self.polls_before
        )
    }

    /// The label of a status; unknown values are shown as sent.
    pub fn status_label<'a>(&self, sent: &'a str) -> std::borrow::Cow<'a, str> {
        let zh = std::ptr::eq(self, &ZH);
        let label = match (Status::from_sent(sent), zh) {
            (Some(Status::Created), false) => "Created",
            (Some(Status::Starting), false) => "Starting",
            (Some(Status::Running), false) => "Running",
            (Some(Status::Stopped), false) => "Stopped",
            (Some(Status::Failed), false) => "Failed",
            (Some(Status::Created), true) => "已创建",
            (Some(Status::Starting), true) => "启动中",
            (Some(Status::Running), true) => "运行中",
            (Some(Status::Stopped), true) => "已停止",
            (Some(Status::Failed), true) => "失败",
            (None, _) => return sent.into(),
        };
        label.into()
    }

    /// "Select <task>", the name of a row's checkbox.
    pub fn select_task(&self, task: &str) -> String {
        if std::ptr::eq(self, &ZH) {
            format!("选择 {task}")
        } else {
            format!("Select {task}")
        }
    }

    /// How many tasks are selected.
    pub fn n_selected(&self, n: usize) -> String {
        if std::ptr::eq(self, &ZH) {
            format!("已选择 {n} 个任务")
        } else if n == 1 {
            "1 task selected".into()
        } else {
            format!("{n} tasks selected")
        }
    }

    /// The confirmation's title ("Stop 3 tasks?") or its button ("Stop 3 tasks").
    pub fn stop_n(&self, n: usize, question: bool) -> String {
        match (std::ptr::eq(self, &ZH), question) {
            (true, true) => format!("停止 {n} 个任务？"),
            (true, false) => format!("停止 {n} 个任务"),
            (false, true) => format!("Stop {n} tasks?"),
            (false, false) => format!("Stop {n} tasks"),
        }
    }

    /// A batch's sentence: "3 stopped, 1 failed, 1 not sent".
    pub fn tally(&self, t: &crate::batch::Tally) -> String {
        let zh = std::ptr::eq(self, &ZH);
        let mut parts = Vec::new();
        for (n, en, cn) in [
            (t.stopped, "stopped", "已停止"),
            (t.failed, "failed", "失败"),
            (t.not_sent, "not sent", "未发送"),
            (t.pending, "in progress", "进行中"),
        ] {
            if n > 0 || (parts.is_empty() && en == "stopped") {
                parts.push(if zh {
                    format!("{cn} {n} 个")
                } else {
                    format!("{n} {en}")
                });
            }
        }
        parts.join(if zh { "，" } else { ", " })
    }

    /// Why the finder did not send text holding a query operator.
    pub fn finder_operator(&self, op: &str) -> String {
        if std::ptr::eq(self, &ZH) {
            format!("搜索文字不能包含“{op}”：ZStack 会把它当作查询运算符。")
        } else {
            format!("The search cannot contain \u{201c}{op}\u{201d}: ZStack would read it as a query operator.")
        }
    }

    /// A specific message for a bad UUID.
    pub fn uuid_error(&self, field: &str, e: &UuidError) -> String {
        let zh = std::ptr::eq(self, &ZH);
        match (e, zh) {
            (UuidError::Empty, _) => self.uuid_required.to_string(),
            (UuidError::Length(n), false) => {
                format!("{field} must have 32 hex digits (dashes allowed); this one has {n}.")
            }
            (UuidError::Length(n), true) => {
                format!("{field} 必须是 32 位十六进制数字（可含连字符），当前为 {n} 位。")
            }
            (UuidError::NotHex(c), false) => {
                format!("{field} may contain only 0-9, a-f and dashes; '{c}' is not allowed.")
            }
            (UuidError::NotHex(c), true) => {
                format!("{field} 只能包含 0-9、a-f 和连字符，不允许“{c}”。")
            }
        }
    }

    /// Why a query or a read failed, in a few words.
    pub fn brief(&'static self, o: &crate::protocol::Outcome) -> String {
        use crate::protocol::Outcome;
        match o {
            Outcome::ApiError(t) if t.root().code == "ID.1001" => self.hint_session.into(),
            Outcome::ApiError(t) => {
                let r = t.root();
                let said = r.description.as_deref().or(r.details.as_deref());
                format!("{}: {}", r.code, said.unwrap_or(self.api_error_title))
            }
            Outcome::HttpError { status, reason, .. } => {
                format!("HTTP {} {reason}", u64::from(*status))
            }
            Outcome::NetworkError(_) => self.network_title.into(),
            Outcome::TimedOut(_) => self.timed_out_title.into(),
            _ => self.bad_response_title.into(),
        }
    }

    /// What was wrong with a 2xx reply.
    pub fn bad_kind(&self, k: &BadKind) -> String {
        let zh = std::ptr::eq(self, &ZH);
        match (k, zh) {
            (BadKind::NotJson(e), false) => format!("The body is not JSON ({e})."),
            (BadKind::NotJson(e), true) => format!("回复内容不是 JSON（{e}）。"),
            (BadKind::UnknownShape, false) => {
                "The body is JSON but not of any shape ZStack sends.".into()
            }
            (BadKind::UnknownShape, true) => "回复是 JSON，但不是 ZStack 的任何已知格式。".into(),
            (BadKind::NoJobLocation, false) => {
                "The server accepted the request but gave no job location to follow.".into()
            }
            (BadKind::NoJobLocation, true) => {
                "服务器接受了请求，但没有给出可跟踪的作业地址。".into()
            }
            (BadKind::TooLarge(n), false) => format!(
                "The body is {} MB, more than the {} MB the panel reads; it was not read whole (its start is below).",
                n.div_ceil(1 << 20),
                crate::protocol::BODY_READ_MAX >> 20
            ),
            (BadKind::TooLarge(n), true) => format!(
                "回复内容有 {} MB，超过面板读取的上限 {} MB，未完整读取（下面是其开头部分）。",
                n.div_ceil(1 << 20),
                crate::protocol::BODY_READ_MAX >> 20
            ),
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use context::{own_lang, provide_lang, tr, use_lang};

/// The language as context: every text in the view follows it in place,
/// so a switch rebuilds no DOM and keeps focus and open disclosures.
#[cfg(target_arch = "wasm32")]
mod context {
    use super::{Lang, Texts};
    use leptos::prelude::*;

    /// The language a view reads, and the languages of the rebuilt views
    /// that follow the panel's (see [`own_lang`]).
    #[derive(Clone, Copy)]
    struct LangContext {
        lang: RwSignal<Lang>,
        followers: StoredValue<Vec<RwSignal<Lang>>>,
    }

    /// Provides `lang` to the view below; one effect carries a change of it
    /// to every rebuilt view's own language.
    pub fn provide_lang(lang: RwSignal<Lang>) {
        let followers = StoredValue::new(Vec::<RwSignal<Lang>>::new());
        Effect::new(move || {
            let now = lang.get();
            for own in followers.try_get_value().unwrap_or_default() {
                if own.try_get_untracked().is_some_and(|l| l != now) {
                    own.set(now);
                }
            }
        });
        provide_context(LangContext { lang, followers });
    }

    fn context() -> Option<LangContext> {
        use_context::<LangContext>()
    }

    /// The panel's language (English where none was provided).
    pub fn use_lang() -> RwSignal<Lang> {
        context()
            .map(|c| c.lang)
            .unwrap_or_else(|| RwSignal::new(Lang::En))
    }

    /// Builds a view that is rebuilt often (the result, the summary line,
    /// the finder's list, the request details) with a language signal of
    /// its own, which follows the panel's and goes with the view.
    ///
    /// Why: a Leptos signal keeps its record of an ended subscription until
    /// it next changes (reactive_graph 0.2.16; the effect itself is freed),
    /// and the panel's language seldom changes, so every text of every view
    /// ever shown stayed there: about 86 B a text, some 2 KB a stop.
    /// `tests/reactive.rs` reproduces it (8.5 MB over 100,000 texts, none
    /// with this) and fails once Leptos no longer does it. Here the view's texts subscribe to its own
    /// signal, which the panel's one effect updates while the view lives
    /// (the view joins a list on build and leaves it on cleanup): nothing
    /// long-lived subscribes to anything of a rebuilt view.
    pub fn own_lang(build: impl FnOnce() -> AnyView + 'static) -> AnyView {
        own_lang_boxed(Box::new(build))
    }

    #[inline(never)]
    fn own_lang_boxed(build: Box<dyn FnOnce() -> AnyView>) -> AnyView {
        let Some(panel) = context() else {
            return build();
        };
        let owner = Owner::new();
        let own = owner.with(|| RwSignal::new(panel.lang.get_untracked()));
        panel.followers.update_value(|f| f.push(own));
        let view = owner.with(|| {
            provide_context(LangContext { lang: own, ..panel });
            build()
        });
        // The view's language lives until the view is rebuilt or goes.
        on_cleanup(move || {
            panel
                .followers
                .try_update_value(|f| f.retain(|s| *s != own));
            drop(owner)
        });
        view
    }

    /// A fixed text that follows the language.
    pub fn tr(
        pick: fn(&'static Texts) -> &'static str,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let lang = use_lang();
        move || pick(lang.get().t())
    }
}
