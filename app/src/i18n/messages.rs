//! Every user-facing string, Vietnamese first, English second.

macro_rules! messages {
    ($($name:ident => $vi:literal, $en:literal;)*) => {
        #[allow(non_upper_case_globals)]
        impl Msg {
            $(pub const $name: Msg = Msg(&Texts { name: stringify!($name), vi: $vi, en: $en });)*

            /// Every message, in the order written here: for the server, which reads messages
            /// back by name, and for the tests. The browser has no such list (see [`Msg`]).
            #[cfg(any(feature = "ssr", not(feature = "hydrate")))]
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];
        }
    };
}

/// A message: its name and its text in both languages.
///
/// Each message is a constant that points at its own texts, not a variant of one enum whose
/// `text()` is a match over all of them: a page's code then holds the texts it names and no
/// others, so the browser's main wasm carries the diary's and the header's messages, and each
/// lazy page's chunk its own (an enum kept every message of both languages, 73 KB, in the main
/// wasm: stop 37's size audit). For the same reason the browser cannot read a message back by
/// name; the one message that crosses the wire to it, a refusal's, carries its texts
/// ([`wire`]).
#[derive(Clone, Copy)]
pub struct Msg(&'static Texts);

#[doc(hidden)]
pub struct Texts {
    name: &'static str,
    vi: &'static str,
    en: &'static str,
}

impl Msg {
    /// The message's name (`"NavHome"`), as it is serialised.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// (Vietnamese, English)
    pub fn text(self) -> (&'static str, &'static str) {
        (self.0.vi, self.0.en)
    }

    /// The message of that name.
    #[cfg(any(feature = "ssr", not(feature = "hydrate")))]
    pub fn from_name(name: &str) -> Option<Msg> {
        Self::ALL.iter().copied().find(|m| m.name() == name)
    }
}

// Two messages are the same when they have the same name (a message read from the wire in
// the browser has its own copy of the texts).
impl PartialEq for Msg {
    fn eq(&self, other: &Msg) -> bool {
        std::ptr::eq(self.0, other.0) || self.0.name == other.0.name
    }
}

impl Eq for Msg {}

impl std::hash::Hash for Msg {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.name.hash(state)
    }
}

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.0.name)
    }
}

// Serialised as its name (`"NavHome"`), as serde's derive wrote the enum's variants.
impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(any(feature = "ssr", not(feature = "hydrate")))]
impl<'de> serde::Deserialize<'de> for Msg {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Msg, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Msg::from_name(&name).ok_or_else(|| serde::de::Error::unknown_variant(&name, &[]))
    }
}

/// A message as it crosses the wire to the browser (a refusal in `AppError`): its name and
/// both texts, `{"name":…,"vi":…,"en":…}`. The server reads the name back; the browser,
/// which has no table of names, keeps the texts it was sent.
pub mod wire {
    use super::Msg;
    #[cfg(any(all(feature = "hydrate", not(feature = "ssr")), test))]
    use super::Texts;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    struct OnWire<'a> {
        #[serde(borrow)]
        name: std::borrow::Cow<'a, str>,
        #[serde(borrow)]
        vi: std::borrow::Cow<'a, str>,
        #[serde(borrow)]
        en: std::borrow::Cow<'a, str>,
    }

    pub fn serialize<S: serde::Serializer>(msg: &Msg, s: S) -> Result<S::Ok, S::Error> {
        let (vi, en) = msg.text();
        OnWire {
            name: msg.name().into(),
            vi: vi.into(),
            en: en.into(),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Msg, D::Error> {
        let on_wire = OnWire::deserialize(d)?;
        read(on_wire).map_err(serde::de::Error::custom)
    }

    #[cfg(any(feature = "ssr", not(feature = "hydrate")))]
    fn read(on_wire: OnWire) -> Result<Msg, String> {
        Msg::from_name(&on_wire.name).ok_or_else(|| format!("no message named {}", on_wire.name))
    }

    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    fn read(on_wire: OnWire) -> Result<Msg, String> {
        Ok(keep(on_wire))
    }

    /// The browser keeps each message it was sent once, for the life of the page: a handful
    /// of refusals, not a leak that grows with use (the same message read again is found).
    #[cfg(any(all(feature = "hydrate", not(feature = "ssr")), test))]
    fn keep(on_wire: OnWire) -> Msg {
        use std::borrow::Cow;
        use std::cell::RefCell;
        thread_local! {
            static KEPT: RefCell<Vec<&'static Texts>> = const { RefCell::new(Vec::new()) };
        }
        KEPT.with_borrow_mut(|kept| {
            let same = |t: &&&'static Texts| {
                t.name == on_wire.name && t.vi == on_wire.vi && t.en == on_wire.en
            };
            if let Some(texts) = kept.iter().find(same) {
                return Msg(texts);
            }
            let leak = |s: Cow<str>| -> &'static str { Box::leak(s.into_owned().into_boxed_str()) };
            let texts: &'static Texts = Box::leak(Box::new(Texts {
                name: leak(on_wire.name),
                vi: leak(on_wire.vi),
                en: leak(on_wire.en),
            }));
            kept.push(texts);
            Msg(texts)
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::error::AppError;

        #[test]
        fn a_refusal_carries_its_texts_and_the_server_reads_it_back_by_name() {
            let refusal = AppError::refused("quantity", Msg::DiaryBadNumber);
            let json = serde_json::to_string(&refusal).unwrap();
            let (vi, en) = Msg::DiaryBadNumber.text();
            let expected = serde_json::json!({"Refused": {"field": "quantity", "msg": {
                "name": "DiaryBadNumber", "vi": vi, "en": en}}});
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&json).unwrap(),
                expected
            );
            assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), refusal);
            let unknown = json.replace("DiaryBadNumber", "NoSuchMessage");
            assert!(serde_json::from_str::<AppError>(&unknown).is_err());
        }

        #[test]
        fn the_browser_keeps_a_message_it_was_sent_once() {
            let on_wire = |vi: &'static str| OnWire {
                name: "Kept".into(),
                vi: vi.into(),
                en: "kept".into(),
            };
            let first = keep(on_wire("giữ"));
            assert_eq!((first.name(), first.text()), ("Kept", ("giữ", "kept")));
            let again = keep(on_wire("giữ"));
            assert!(std::ptr::eq(first.0, again.0), "read again, found");
            let other = keep(on_wire("khác"));
            assert_eq!(other.text().0, "khác");
            assert!(!std::ptr::eq(first.0, other.0));
        }
    }
}

messages! {
    AppName => "Rubric", "Rubric";
    AppTagline => "Đánh giá, xếp loại cán bộ, công chức theo KPI", "KPI-based evaluation of civil servants";
    PageTitleHome => "Rubric — Đánh giá theo KPI", "Rubric — KPI evaluation";
    NavHome => "Trang chủ", "Home";
    NavOfficer => "Nhật ký công việc", "Work diary";
    NavAdmin => "Quản trị", "Administration";
    NavProvinceFigures => "Tổng quan tỉnh", "Province overview";
    NavCommittee => "Ban Chỉ đạo", "Steering Committee";
    SwitchLanguage => "English", "Tiếng Việt";
    MenuButton => "Menu", "Menu";
    SwitchLanguageLabel => "Chuyển sang tiếng Anh", "Switch to Vietnamese";
    HomeIntro => "Rubric chấm điểm công việc của cán bộ, công chức theo bản mô tả công việc, danh mục công việc và công thức đã được phê duyệt của từng vị trí việc làm; mỗi điểm số đều được giải thích đến từng dòng nhật ký công việc.",
        "Rubric scores the work of civil servants against the approved job description, task catalog and formula of each job position; every score is explained down to each work-log entry.";
    StatsHeading => "Dữ liệu hiện có", "Current data";
    StatsUnits => "Đơn vị", "Units";
    StatsUsers => "Người dùng", "Users";
    StatsLoading => "Đang tải…", "Loading…";
    AudienceOfficerText => "Ghi nhật ký công việc, xem điểm và giải thích điểm.", "Log daily work, see your score and its explanation.";
    AudienceAdminText => "Quản lý vị trí việc làm, bản mô tả công việc và công thức chấm điểm.", "Manage job positions, job descriptions and scoring formulas.";
    AudienceCommitteeText => "Chạy thử công thức mới trên kỳ đã chấm, phê duyệt và áp dụng.", "Simulate draft formulas on past periods, approve and activate them.";
    NotFoundTitle => "Không tìm thấy trang", "Page not found";
    BackHome => "Về trang chủ", "Back to home";
    ShowDecreeFormula => "Xem công thức Nghị định 335", "Show the Decree 335 formula";
    HideDecreeFormula => "Ẩn công thức", "Hide the formula";
    DecreeFormula => "Tổng điểm = Tiêu chí chung (tối đa 30) + Kết quả thực hiện nhiệm vụ (tối đa 70); kết quả nhiệm vụ tính từ số lượng, chất lượng và tiến độ công việc đã quy đổi ra giờ chuẩn.",
        "Total = general criteria (up to 30) + task results (up to 70); task results come from the quantity, quality and timeliness of work converted to standard hours.";
    OverviewHeading => "Tỉnh và các kỳ đánh giá", "The province and its periods";
    OverviewAgency => "Cơ quan", "Agency";
    OverviewDepartments => "Phòng", "Departments";
    OverviewOfficers => "Cán bộ", "Officers";
    OverviewPeriod => "Kỳ", "Period";
    OverviewFrom => "Từ ngày", "From";
    OverviewTo => "Đến ngày", "To";
    OverviewStatus => "Trạng thái", "Status";
    OverviewFormula => "Công thức đang áp dụng", "Formula in force";
    OverviewFormulaVersion => "phiên bản", "version";
    OverviewFormulaFrom => "áp dụng từ", "effective from";
    OverviewNoFormula => "Chưa có công thức nào được áp dụng.", "No formula is in force yet.";
    OverviewEmpty => "Chưa có dữ liệu đơn vị.", "No units yet.";
    PeriodNotStarted => "Kỳ đánh giá này chưa bắt đầu: chưa thể chấm điểm hay nhập điểm cho kỳ này.", "This period has not begun yet: nothing can be scored or entered for it.";
    PeriodOpen => "Đang mở", "Open";
    PeriodScored => "Đã chấm điểm", "Scored";
    PeriodApproved => "Đã phê duyệt", "Approved";
    PeriodPublished => "Đã công bố", "Published";
    NavReviewer => "Duyệt nhật ký", "Review";
    NavUsers => "Người dùng", "Users";
    NavAuditor => "Nhật ký kiểm toán", "Audit trail";
    NavMenu => "Điều hướng chính", "Main navigation";
    RoleOfficer => "Cán bộ, công chức", "Officer";
    RoleReviewer => "Người duyệt (trưởng đơn vị)", "Reviewer (head of unit)";
    RoleAdmin => "Quản trị viên", "Administrator";
    RoleCommittee => "Ban Chỉ đạo", "Steering Committee";
    RoleAuditor => "Thanh tra", "Auditor";
    SignIn => "Đăng nhập", "Sign in";
    SignOut => "Đăng xuất", "Sign out";
    SignInTitle => "Đăng nhập vào Rubric", "Sign in to Rubric";
    SignInUsername => "Tên đăng nhập", "User name";
    SignInPassword => "Mật khẩu", "Password";
    SignInSubmit => "Đăng nhập", "Sign in";
    SignInFailed => "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password.";
    SignInThrottled => "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.", "Too many failed sign-ins. Please try again in 15 minutes.";
    SignInNoAdmin => "Chưa có tài khoản quản trị. Người vận hành máy chủ tạo tài khoản đầu tiên bằng lệnh: rubric create-admin --username <tên>", "There is no administrator yet. The server operator creates the first one with: rubric create-admin --username <name>";
    SignedInAs => "Đang đăng nhập:", "Signed in as";
    SignInRequired => "Trang này cần đăng nhập.", "This page requires signing in.";
    ForbiddenTitle => "Không có quyền truy cập", "Access denied";
    ForbiddenText => "Tài khoản của bạn không có vai trò được phép mở trang này.", "Your account has no role that may open this page.";
    ChangePassword => "Đổi mật khẩu", "Change password";
    ChangePasswordForced => "Mật khẩu của bạn vừa được quản trị viên đặt lại. Hãy đặt mật khẩu mới trước khi tiếp tục.", "Your password was reset by an administrator. Choose a new one before you go on.";
    PasswordCurrent => "Mật khẩu hiện tại", "Current password";
    PasswordNew => "Mật khẩu mới", "New password";
    PasswordConfirm => "Nhập lại mật khẩu mới", "Repeat the new password";
    PasswordRules => "Ít nhất 10 ký tự, không chứa tên đăng nhập, không phải mật khẩu phổ biến. Nên dùng một câu dễ nhớ.", "At least 10 characters, not containing your user name, not a common password. A memorable sentence works well.";
    PasswordChanged => "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.", "Password changed. Your other sessions have ended.";
    PasswordTooShort => "Mật khẩu phải có ít nhất 10 ký tự.", "The password must have at least 10 characters.";
    PasswordTooLong => "Mật khẩu không được dài quá 128 ký tự.", "The password may not exceed 128 characters.";
    PasswordContainsUsername => "Mật khẩu không được chứa tên đăng nhập.", "The password may not contain the user name.";
    PasswordCommon => "Mật khẩu này quá phổ biến hoặc dễ đoán. Hãy chọn mật khẩu khác.", "This password is too common or easy to guess. Choose another.";
    PasswordCurrentWrong => "Mật khẩu hiện tại không đúng.", "The current password is wrong.";
    NavOrg => "Tổ chức", "Organisation";
    OrgTitle => "Tổ chức: đơn vị, vị trí việc làm, nhân sự, danh mục", "Organisation: units, positions, people, catalogs";
    // The units page (/quan-tri/don-vi) and the position forms
    NavUnits => "Đơn vị", "Units";
    NavApi => "Kết nối API", "API clients";
    UnitsTitle => "Đơn vị và cây tổ chức", "Units and the organisation tree";
    UnitsIntro => "Tỉnh → cơ quan (Sở, UBND xã) → phòng. Mã đơn vị cố định từ khi tạo, chỉ tên đổi được; đơn vị đã giải thể giữ nguyên lịch sử và vẫn hiện trong cây. Chọn mã một đơn vị để sửa.", "Province → agencies → departments. A unit's code is fixed when it is created, only its name changes; a closed unit keeps its history and stays in the tree. Pick a unit's code to change it.";
    UnitsCode => "Mã", "Code";
    UnitsName => "Tên đơn vị", "Unit";
    UnitsKind => "Loại", "Kind";
    UnitsKindProvince => "Tỉnh", "Province";
    UnitsKindAgency => "Cơ quan", "Agency";
    UnitsKindDepartment => "Phòng", "Department";
    UnitsHeads => "Trưởng đơn vị", "Heads";
    UnitsMembers => "Số người", "People";
    UnitsClosedOn => "Giải thể từ", "Closed since";
    UnitsClosedBadge => "Đã giải thể", "Closed";
    UnitsParent => "Đơn vị cấp trên", "Parent unit";
    UnitsCreateTitle => "Thêm đơn vị", "Add a unit";
    UnitsCreate => "Tạo đơn vị", "Create the unit";
    UnitsCodeHint => "Chữ không dấu, số và . - _ / (ví dụ snv/tccb); không đổi được sau khi tạo.", "Letters without accents, digits and . - _ / (e.g. snv/tccb); it cannot change later.";
    UnitsRename => "Đổi tên", "Rename";
    UnitsMove => "Chuyển sang đơn vị cấp trên khác", "Move under another parent";
    UnitsMoveButton => "Chuyển", "Move";
    UnitsClose => "Giải thể", "Close";
    UnitsCloseHint => "Chỉ giải thể được khi không còn ai đang làm việc trong đơn vị và các đơn vị trực thuộc đã giải thể.", "A unit closes only when nobody works in it any more and its sub-units are closed.";
    UnitsReopen => "Cho hoạt động trở lại", "Reopen";
    UnitsAddHead => "Thêm trưởng đơn vị", "Add a head";
    UnitsHeadUsername => "Tên đăng nhập", "User name";
    UnitsRemoveHead => "Bỏ", "Remove";
    UnitsNoHeads => "Chưa có", "None";
    UnitsInactive => "đã khóa", "deactivated";
    UnitsSaved => "Đã lưu.", "Saved.";
    UnitsBack => "Về cây tổ chức", "Back to the tree";
    UnitsNameRequired => "Tên đơn vị không được để trống và không dài quá 255 ký tự.", "The unit's name cannot be empty or longer than 255 characters.";
    UnitsCodeInvalid => "Mã đơn vị gồm 1 đến 64 ký tự: chữ không dấu, số và . - _ /.", "A unit code has 1 to 64 characters: letters without accents, digits and . - _ /.";
    UnitsKindInvalid => "Loại đơn vị phải là cơ quan hoặc phòng.", "A unit is an agency or a department.";
    UnitsUnknownParent => "Không tìm thấy đơn vị cấp trên đã chọn.", "The chosen parent unit does not exist.";
    UnitsParentKindWrong => "Cơ quan phải trực thuộc tỉnh; phòng phải trực thuộc một cơ quan hoặc một phòng.", "An agency sits under the province; a department under an agency or another department.";
    UnitsMoveCycle => "Không thể chuyển một đơn vị vào chính nó hoặc vào một đơn vị trực thuộc nó.", "A unit cannot move under itself or under one of its own sub-units.";
    UnitsProvinceFixed => "Không thể chuyển hay giải thể cấp tỉnh.", "The province cannot be moved or closed.";
    UnitsAlreadyClosed => "Đơn vị đã giải thể. Muốn đổi ngày giải thể, hãy cho hoạt động trở lại rồi giải thể lại.", "The unit is already closed. To change the date, reopen it and close it again.";
    UnitsNotClosed => "Đơn vị đang hoạt động, không cần mở lại.", "The unit is open already.";
    UnitsParentClosed => "Đơn vị cấp trên đã giải thể: hãy cho đơn vị cấp trên hoạt động trở lại trước.", "The parent unit is closed: reopen it first.";
    UnitsHeadUnknownUser => "Không có người dùng đang hoạt động với tên đăng nhập này.", "No active user has this user name.";
    UnitsHeadAlready => "Người này đã là trưởng của đơn vị.", "This person already heads the unit.";
    PosFormNew => "Thêm vị trí việc làm", "Add a job position";
    PosFormCreate => "Tạo vị trí", "Create the position";
    PosFormEdit => "Thông tin vị trí", "Position settings";
    PosFormSave => "Lưu thông tin vị trí", "Save the settings";
    PosFormSaved => "Đã lưu thông tin vị trí.", "The position's settings are saved.";
    PosFormGroup => "Nhóm vị trí", "Group";
    PosFormCohort => "Nhóm so sánh", "Cohort group";
    PosFormCohortHint => "Các vị trí cùng nhóm so sánh trong một cơ quan được xếp loại cùng nhau (giới hạn 20% hoàn thành xuất sắc). Để trống: vị trí tự thành một nhóm.", "Positions of one cohort group in an agency are graded together (the 20% cap on excellent). Empty: the position is a cohort of its own.";
    PosFormAgencies => "Cơ quan sử dụng", "Agencies that use it";
    PosFormAgenciesHint => "Giữ Ctrl (hoặc ⌘) để chọn nhiều cơ quan.", "Hold Ctrl (or ⌘) to pick several agencies.";
    PosFormCodeFixed => "Mã vị trí không đổi được sau khi tạo.", "A position's code cannot change once created.";
    PosFormNameRequired => "Tên vị trí không được để trống và không dài quá 255 ký tự.", "The position's name cannot be empty or longer than 255 characters.";
    PosFormCodeInvalid => "Mã vị trí gồm 1 đến 64 ký tự: chữ không dấu, số và . - _ /.", "A position code has 1 to 64 characters: letters without accents, digits and . - _ /.";
    PosFormKindInvalid => "Hãy chọn nhóm vị trí: lãnh đạo quản lý, chuyên môn nghiệp vụ hoặc hỗ trợ phục vụ.", "Choose the group: leadership, professional or support.";
    PosFormCohortInvalid => "Nhóm so sánh gồm tối đa 64 ký tự: chữ không dấu, số và . - _ /.", "A cohort group has at most 64 characters: letters without accents, digits and . - _ /.";
    PosFormUnknownAgency => "Chỉ chọn được các cơ quan (Sở, UBND xã) có trong cây tổ chức.", "Only agencies of the organisation tree can be chosen.";
    OrgIntro => "Nạp tổ chức từ bảng tính đang dùng: tải mẫu, điền, tải lên để chạy thử; chỉ áp dụng khi không còn ô sai.", "Load the organisation from the spreadsheets you keep: download the template, fill it in, upload it for a dry run; apply once no cell is wrong.";
    OrgTemplate => "Tải bảng tính mẫu", "Download the template";
    OrgExport => "Xuất tổ chức hiện có", "Export the organisation as it is";
    OrgFile => "Tệp .xlsx hoặc .csv (tối đa 25 MB)", "An .xlsx or .csv file (25 MB at most)";
    OrgDeactivateMissing => "Trang Nhân sự là toàn bộ danh sách: ngừng tài khoản những người không có trong đó (trừ quản trị viên)", "The People sheet is the whole staff list: deactivate the accounts of those it leaves out (administrators excepted)";
    OrgCheck => "Tải lên và chạy thử", "Upload and check";
    OrgRecent => "Các lần tải lên gần đây", "Recent uploads";
    OrgNone => "Chưa có lần tải lên nào.", "Nothing uploaded yet.";
    OrgCreate => "Tạo mới", "Create";
    OrgChange => "Thay đổi", "Change";
    OrgDeactivate => "Ngừng", "Deactivate";
    OrgErrors => "Ô sai", "Bad cells";
    OrgApplied => "Đã áp dụng", "Applied";
    OrgErrorsTitle => "Các ô cần sửa (sửa trong tệp rồi tải lên lại)", "Cells to fix (fix them in the file and upload it again)";
    OrgLinesTitle => "Những gì sẽ thay đổi", "What changes";
    OrgNothing => "Tệp không thay đổi gì so với dữ liệu hiện có.", "The file changes nothing in the records.";
    OrgApply => "Áp dụng (tất cả hoặc không gì cả)", "Apply (all or nothing)";
    OrgAppliedDone => "Đã áp dụng tệp.", "The file is applied.";
    OrgCodesTitle => "Mã kích hoạt của người mới", "The new people's activation codes";
    OrgCodesOnce => "Mã chỉ hiện một lần: hãy tải về và trao tận tay từng người. Mã có hiệu lực 30 ngày, dùng tại trang Kích hoạt tài khoản.", "The codes show this once: download them and hand each to its person. A code is valid 30 days, on the Activate your account page.";
    OrgCodesDownload => "Tải danh sách mã (CSV)", "Download the codes (CSV)";
    OrgAlreadyApplied => "Tệp này đã được áp dụng.", "This file is already applied.";
    OrgUploadBroken => "Không đọc được dữ liệu tải lên.", "The upload could not be read.";
    OrgFileTooLarge => "Tệp lớn hơn 25 MB.", "The file is larger than 25 MB.";
    OrgNoFile => "Hãy chọn một tệp.", "Choose a file.";
    OrgBack => "Về trang tổ chức", "Back to the organisation page";
    ActivationTitle => "Kích hoạt tài khoản", "Activate your account";
    ActivationIntro => "Nhập tên đăng nhập và mã kích hoạt quản trị viên đã trao cho bạn, rồi tự đặt mật khẩu.", "Enter your user name and the activation code your administrator gave you, then choose your password.";
    ActivationCode => "Mã kích hoạt", "Activation code";
    ActivationSubmit => "Kích hoạt", "Activate";
    ActivationFailed => "Tên đăng nhập hoặc mã kích hoạt không đúng, hoặc mã đã được dùng hay đã hết hạn.", "Wrong user name or activation code, or the code was used or has expired.";
    ActivationDone => "Đã kích hoạt tài khoản. Hãy đăng nhập bằng mật khẩu vừa đặt.", "Your account is active. Sign in with the password you chose.";
    ActivationLink => "Tài khoản mới? Kích hoạt bằng mã", "New account? Activate it with your code";
    PasswordMismatch => "Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ.";
    PasswordUnchanged => "Mật khẩu mới phải khác mật khẩu hiện tại.", "The new password must differ from the current one.";
    NavPositions => "Vị trí việc làm", "Job positions";
    PosTitle => "Vị trí việc làm", "Job positions";
    PosSearch => "Tìm theo mã hoặc tên vị trí (không cần dấu)", "Search by code or name (accents optional)";
    PosCode => "Mã", "Code";
    PosName => "Tên vị trí", "Position";
    PosKind => "Loại", "Kind";
    PosKindLeader => "Lãnh đạo, quản lý", "Leadership";
    PosKindProfessional => "Chuyên môn, nghiệp vụ", "Professional";
    PosKindSupport => "Hỗ trợ, phục vụ", "Support";
    PosOfficers => "Số cán bộ", "Officers";
    PosApproved => "Bản đang áp dụng", "Version in force";
    PosPending => "Đang soạn", "In preparation";
    PosNone => "Không có vị trí nào khớp.", "No position matches.";
    PosVersions => "Các phiên bản bản mô tả công việc", "Job-description versions";
    PosVersion => "Phiên bản", "Version";
    PosDecision => "Quyết định số", "Decision no.";
    PosEffective => "Hiệu lực từ", "Effective from";
    PosApprovedBy => "Người phê duyệt", "Approved by";
    PosDescription => "Bản mô tả công việc", "Job description";
    PosCatalog => "Danh mục công việc", "Task catalog";
    PosGroup => "Nhóm", "Group";
    PosUnit => "Đơn vị tính", "Unit";
    PosNorm => "Định mức (phút)", "Norm (minutes)";
    PosLevel => "Mức độ phức tạp", "Complexity";
    PosCoefficient => "Hệ số", "Coefficient";
    PosEvidence => "Cần số văn bản", "Document no. required";
    PosCompare => "So sánh hai phiên bản", "Compare two versions";
    PosFrom => "Từ phiên bản", "From version";
    PosTo => "Đến phiên bản", "To version";
    PosTextChanges => "Thay đổi trong bản mô tả", "Changes to the description";
    PosCatalogChanges => "Thay đổi trong danh mục", "Changes to the catalog";
    PosNoChanges => "Không có thay đổi.", "No changes.";
    PosAdded => "Thêm", "Added";
    PosRemoved => "Bỏ", "Removed";
    PosChanged => "Sửa", "Changed";
    PosNewDraft => "Tạo bản nháp mới", "Start a new draft";
    PosEditTitle => "Soạn thảo", "Editing";
    PosSave => "Lưu bản nháp", "Save the draft";
    PosSaved => "Đã lưu.", "Saved.";
    PosSubmit => "Gửi phê duyệt", "Submit for approval";
    PosRemove => "Bỏ", "Remove";
    PosNewRow => "Dòng mới: điền để thêm công việc", "New row: fill it in to add a task";
    PosDecide => "Phê duyệt hoặc trả lại", "Approve or return";
    PosApprove => "Phê duyệt", "Approve";
    PosReturn => "Trả lại", "Return";
    PosReturnReason => "Lý do trả lại", "Reason for returning";
    PosExport => "Tải danh mục (CSV)", "Download the catalog (CSV)";
    PosImport => "Nhập danh mục từ Excel hoặc CSV", "Import the catalog from a spreadsheet or CSV";
    PosImportHelp => "Dán bảng sao chép từ Excel (hoặc nội dung tệp CSV); danh mục của bản nháp được thay bằng bảng này nếu mọi dòng hợp lệ. Các cột:", "Paste a table copied from a spreadsheet (or a CSV file's text); the draft's catalog is replaced by it if every line is valid. Columns:";
    PosImportButton => "Nhập danh mục", "Import the catalog";
    NavFormulas => "Công thức chấm điểm", "Scoring formulas";
    RuleTitle => "Công thức chấm điểm", "Scoring formulas";
    RuleHash => "Mã băm", "Hash";
    RuleOpen => "Mở", "Open";
    RuleNote => "Ghi chú phê duyệt", "Approval note";
    RuleDraft => "Dự thảo", "Draft";
    RuleSubmitted => "Chờ phê duyệt", "Submitted";
    RuleApproved => "Đã phê duyệt", "Approved";
    RuleActive => "Đang áp dụng", "Active";
    RuleRetired => "Đã ngừng áp dụng", "Retired";
    RuleScriptChanges => "Thay đổi trong kịch bản", "Changes to the script";
    RuleParamChanges => "Thay đổi trong tham số", "Changes to the parameters";
    StatusSuperseded => "Đã thay thế", "Superseded";
    UsersTitle => "Quản lý người dùng", "User administration";
    UsersSearch => "Tìm theo tên đăng nhập hoặc họ tên", "Search by user name or full name";
    UsersSearchButton => "Tìm", "Search";
    UsersNew => "Thêm người dùng", "Add a user";
    UsersCount => "người dùng", "users";
    UsersEmpty => "Không có người dùng phù hợp.", "No matching users.";
    UsersPrev => "Trang trước", "Previous page";
    UsersNext => "Trang sau", "Next page";
    PagerLabel => "Phân trang", "Pages";
    UserUsername => "Tên đăng nhập", "User name";
    UserFullName => "Họ và tên", "Full name";
    UserUnit => "Đơn vị", "Unit";
    UserPosition => "Vị trí việc làm", "Job position";
    UserRoles => "Vai trò", "Roles";
    UserReviewerUnits => "Đơn vị phụ trách duyệt", "Units reviewed";
    UserStatus => "Trạng thái", "Status";
    UserActive => "Đang hoạt động", "Active";
    UserInactive => "Đã khóa", "Deactivated";
    UserMustChange => "Phải đổi mật khẩu", "Must change password";
    UserNone => "— Không —", "— None —";
    UserInitialPassword => "Mật khẩu ban đầu (người dùng phải đổi khi đăng nhập lần đầu)", "Initial password (the user must change it at first sign-in)";
    UserSave => "Lưu", "Save";
    UserCreate => "Tạo người dùng", "Create user";
    UserSaved => "Đã lưu.", "Saved.";
    UserEdit => "Sửa", "Edit";
    UserEditTitle => "Sửa người dùng", "Edit user";
    UserResetPassword => "Đặt lại mật khẩu", "Reset password";
    UserTemporaryPassword => "Mật khẩu tạm thời", "Temporary password";
    UserPasswordReset => "Đã đặt lại mật khẩu; người dùng phải đổi mật khẩu khi đăng nhập.", "Password reset; the user must change it at sign-in.";
    UserDeactivate => "Khóa tài khoản", "Deactivate";
    UserActivate => "Mở khóa tài khoản", "Reactivate";
    UserDeactivated => "Đã khóa tài khoản; các phiên đăng nhập của người dùng đã kết thúc.", "Account deactivated; the user's sessions have ended.";
    UserActivated => "Đã mở khóa tài khoản.", "Account reactivated.";
    UserBackToList => "Về danh sách người dùng", "Back to the user list";
    UserReadOnly => "Bạn chỉ có quyền xem.", "You may only read.";
    UserUsernameInvalid => "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.", "A user name has 3–64 characters: lower-case letters, digits, dots, dashes or underscores.";
    UserUsernameTaken => "Tên đăng nhập này đã có người dùng.", "This user name is taken.";
    UserFullNameRequired => "Vui lòng nhập họ và tên (tối đa 255 ký tự).", "Enter the full name (up to 255 characters).";
    UserUnknownChoice => "Lựa chọn không hợp lệ.", "Invalid choice.";
    UserRoleRequired => "Chọn ít nhất một vai trò.", "Choose at least one role.";
    UserReviewerNeedsUnit => "Người duyệt phải được giao ít nhất một đơn vị phụ trách.", "A reviewer must head at least one unit.";
    UserOfficerNeedsPosition => "Cán bộ phải có đơn vị và vị trí việc làm.", "An officer needs a unit and a job position.";
    UserLastAdmin => "Phải còn ít nhất một quản trị viên đang hoạt động.", "At least one active administrator must remain.";
    SodNoSelfGrant => "Quản trị viên không được tự cấp cho mình vai trò Ban Chỉ đạo (nguyên tắc tách bạch nhiệm vụ).", "An administrator cannot grant themselves the Steering Committee role (separation of duties).";
    SodResetNeedsSecondAdmin => "Đặt lại mật khẩu của quản trị viên, thành viên Ban Chỉ đạo hoặc thanh tra cần một quản trị viên khác xác nhận (nguyên tắc hai người).", "Resetting the password of an administrator, a Steering Committee member or an auditor needs another administrator's confirmation (two-person rule).";
    SodResetRequested => "Đã ghi yêu cầu đặt lại mật khẩu. Cần một quản trị viên khác xác nhận thì mật khẩu tạm mới có hiệu lực.", "The reset is requested. It takes effect once another administrator confirms it.";
    SodNoPendingReset => "Không có yêu cầu đặt lại mật khẩu nào đang chờ xác nhận (yêu cầu hết hạn sau 24 giờ).", "No password reset is waiting for confirmation (requests expire after 24 hours).";
    SodPendingReset => "Yêu cầu đặt lại mật khẩu đang chờ xác nhận, do", "A password reset is waiting for confirmation, requested by";
    SodConfirmReset => "Xác nhận đặt lại mật khẩu", "Confirm the password reset";
    SodResetConfirmed => "Đã xác nhận; mật khẩu tạm có hiệu lực và người dùng phải đổi khi đăng nhập.", "Confirmed; the temporary password is in effect and must be changed at sign-in.";
    SodFormulaEditor => "Người soạn hoặc đã sửa phiên bản công thức này không được phê duyệt nó (nguyên tắc hai người).", "Whoever wrote or edited this formula version cannot approve it (two-person rule).";
    SodJobDescriptionEditor => "Người soạn hoặc đã sửa bản mô tả công việc này không được phê duyệt nó (nguyên tắc hai người).", "Whoever wrote or edited this job description cannot approve it (two-person rule).";
    UserCannotDeactivateSelf => "Bạn không thể tự khóa tài khoản của mình.", "You cannot deactivate your own account.";
    AuditTitle => "Nhật ký kiểm toán", "Audit trail";
    AuditVerify => "Kiểm tra tính toàn vẹn", "Check integrity";
    AuditTimesUtc => "Thời điểm theo giờ UTC.", "Times are UTC.";
    AudienceReviewerText => "Duyệt nhật ký công việc của đơn vị, ghi nhận chất lượng, tiến độ và chấm điểm kỳ đánh giá.", "Review your units' work logs, record quality and timeliness, score the period.";
    AudienceAuditorText => "Xem toàn bộ dữ liệu và nhật ký kiểm toán, không thay đổi gì.", "Read all data and the audit trail; change nothing.";
    AuditIntact => "Chuỗi nhật ký toàn vẹn:", "The audit chain is intact:";
    AuditEvents => "sự kiện", "events";
    AuditBroken => "Chuỗi nhật ký bị phá vỡ tại sự kiện", "The audit chain is broken at event";
    AuditWhen => "Thời điểm", "When";
    AuditWho => "Người thực hiện", "Who";
    AuditAction => "Thao tác", "Action";
    EntityAppeal => "Khiếu nại", "Appeal";
    EntityCriteriaPoints => "Điểm tiêu chí chung", "General-criteria points";
    EntityJobDescription => "Bản mô tả công việc", "Job description";
    EntityPeriod => "Kỳ đánh giá", "Period";
    EntityRuleSet => "Bộ công thức", "Formula";
    EntityRuleSetVersion => "Phiên bản công thức", "Formula version";
    EntityUnit => "Đơn vị", "Unit";
    EntityUser => "Người dùng", "User";
    EntityWorkLogEntry => "Mục nhật ký công việc", "Work-log entry";
    EntityScoreAccess => "Xem điểm của người khác", "Reading another's score";
    AuditChange => "Thay đổi", "Change";
    AuditBefore => "Trước:", "Before:";
    AuditAfter => "Sau:", "After:";
    AuditObject => "Đối tượng", "Object";
    DiaryBadDate => "Ngày không hợp lệ (dd/mm/yyyy).", "Invalid date (dd/mm/yyyy).";
    DiaryBadNumber => "Vui lòng nhập một số (ví dụ 1,5).", "Enter a number (e.g. 1.5).";
    DiaryDateRequired => "Vui lòng chọn ngày làm việc.", "Choose the work date.";
    DiaryTitle => "Nhật ký công việc", "Work diary";
    DiaryPeriod => "Kỳ", "Period";
    DiaryPrevMonth => "Tháng trước", "Previous month";
    DiaryNextMonth => "Tháng sau", "Next month";
    DiaryAdd => "Thêm công việc", "Add work";
    DiaryEdit => "Sửa công việc", "Edit work";
    DiarySearch => "Tìm công việc theo mã hoặc tên (không cần dấu)", "Find a task by code or name (accents optional)";
    DiaryTask => "Công việc", "Task";
    DiaryOffCatalog => "— Việc ngoài danh mục —", "— Work outside the catalog —";
    DiaryOffCatalogDescription => "Mô tả việc ngoài danh mục", "Description of the off-catalog work";
    DiaryProposedMinutes => "Số phút đề xuất", "Proposed minutes";
    DiaryWorkDate => "Ngày làm việc", "Work date";
    DiaryQuantity => "Số lượng", "Quantity";
    DiaryCompletedQty => "Số lượng hoàn thành (để trống nếu hoàn thành hết)", "Quantity completed (empty: all)";
    DiaryDocument => "Số/ký hiệu văn bản", "Document number";
    DiaryAssignedOn => "Ngày giao", "Assigned on";
    DiaryDeadline => "Hạn hoàn thành", "Deadline";
    DiaryCompletedOn => "Ngày hoàn thành", "Completed on";
    DiaryNote => "Ghi chú", "Note";
    DiarySave => "Lưu nháp", "Save draft";
    DiarySaved => "Đã lưu.", "Saved.";
    DiaryCancelEdit => "Hủy sửa", "Cancel";
    DiaryDelete => "Xóa", "Delete";
    DiaryEntries => "Các mục nhật ký", "Entries";
    DiaryNoEntries => "Chưa có mục nào trong kỳ này.", "No entries in this period yet.";
    DiaryHours => "Giờ chuẩn", "Standard hours";
    DiaryStatus => "Trạng thái", "Status";
    DiaryReturnReason => "Lý do trả lại:", "Returned because:";
    DiarySubmitTitle => "Gửi duyệt", "Submit for review";
    DiaryFrom => "Từ ngày", "From";
    DiaryTo => "Đến ngày", "To";
    DiarySubmitRange => "Gửi các mục trong khoảng ngày", "Submit the entries in these dates";
    DiarySubmitPeriod => "Gửi cả kỳ", "Submit the whole period";
    DiarySubmitted => "Số mục đã gửi:", "Entries submitted:";
    DiaryWarnHeavyDay => "Ngày có trên 8 giờ chuẩn:", "Day above 8 standard hours:";
    DiaryWarnEvidence => "Mục thiếu số văn bản bắt buộc:", "Entries missing their required document number:";
    DiaryUnitHours => "giờ chuẩn/đơn vị", "standard hours per unit";
    StatusDraft => "Nháp", "Draft";
    StatusSubmitted => "Đã gửi", "Submitted";
    StatusApproved => "Đã duyệt", "Approved";
    StatusReturned => "Bị trả lại", "Returned";
    StatusLocked => "Đã khóa", "Locked";
    StatusRejected => "Bị từ chối", "Rejected";
    DiaryRejectReason => "Lý do từ chối:", "Rejected because:";
    DiaryTaskNotInCatalog => "Công việc này không thuộc danh mục của vị trí việc làm của cán bộ áp dụng vào ngày làm việc đã chọn.", "This task is not in the catalog of the officer's position in force on the chosen work date.";
    DiaryPickTask => "Vui lòng chọn một công việc trong danh mục của cán bộ.", "Choose a task of the officer's catalog.";
    ReviewOffCatalog => "Việc ngoài danh mục", "Off-catalog work";
    ReviewMap => "Gán vào danh mục", "Map to the catalog";
    ReviewMapQuantity => "Số lượng theo đơn vị của công việc", "Quantity in the task's unit";
    ReviewReject => "Từ chối", "Reject";
    ReviewRejectReason => "Lý do từ chối", "Reason for rejecting";
    AppealPickDecision => "Vui lòng chọn chấp nhận hoặc không chấp nhận khiếu nại.", "Choose whether to accept the appeal.";
    AppealTitle => "Khiếu nại kết quả", "Appeal";
    AppealHelp => "Nếu bạn thấy kết quả chưa đúng, hãy nêu lý do; thủ trưởng đơn vị sẽ trả lời và tính lại điểm nếu khiếu nại được chấp nhận.", "If you think the result is wrong, say why; your head of unit answers and re-scores if the appeal is accepted.";
    AppealAbout => "Nội dung khiếu nại về", "The appeal is about";
    AppealWholeScore => "— Kết quả cả kỳ —", "— The period's result —";
    AppealComment => "Lý do khiếu nại", "Why you appeal";
    AppealSend => "Gửi khiếu nại", "Send the appeal";
    AppealSent => "Đã gửi khiếu nại.", "Appeal sent.";
    AppealList => "Khiếu nại của kỳ", "Appeals of the period";
    AppealOpen => "Chờ trả lời", "Waiting for an answer";
    AppealAccepted => "Được chấp nhận", "Accepted";
    AppealRejected => "Không được chấp nhận", "Not accepted";
    JobQueued => "Đang chờ", "Queued";
    JobStillRunning => "Việc chấm điểm vẫn đang chạy trong nền; kết quả sẽ có khi hoàn tất.", "The scoring job is still running in the background; the results appear when it ends.";
    JobCancelled => "Đã hủy", "Cancelled";
    JobScoring => "Chấm điểm kỳ", "Scoring period";
    JobParts => "phần việc xong", "parts done";
    JobCancel => "Hủy công việc", "Cancel the job";
    JobScoredResult => "Đã xong; số cán bộ có phiên bản điểm mới:", "Done; officers with a new score version:";
    JobKept => "giữ nguyên điểm:", "scores kept as they were:";
    JobNotScored => "chưa tính được:", "not scored:";
    JobStartedBy => "Người yêu cầu:", "Requested by:";
    JobCancelledNote => "Công việc đã bị hủy; các phần đã xong vẫn được lưu, phần đang chạy không ghi gì.", "The job was cancelled; parts already done stay stored, the part in progress wrote nothing.";
    AppealAnswer => "Trả lời", "Answer";
    AppealAnswerText => "Nội dung trả lời", "Answer";
    AppealAccept => "Chấp nhận (sửa kết quả kiểm tra và tính lại điểm)", "Accept (correct the findings and re-score)";
    AppealReject => "Không chấp nhận", "Do not accept";
    AppealSendAnswer => "Gửi trả lời", "Send the answer";
    AppealAnswered => "Đã trả lời khiếu nại.", "Appeal answered.";
    AppealBy => "Người trả lời:", "Answered by:";
    AppealScoreChange => "Điểm:", "Score:";
    AppealNoChange => "kết quả không đổi", "result unchanged";
    ScoreVersions => "Các lần tính điểm của kỳ", "Score versions of the period";
    ScoreVersionLabel => "Lần", "Version";
    ScoreVersionCurrent => "đang áp dụng", "current";
    ScoreVersionAfterAppeal => "sau khiếu nại", "after appeal";
    NavUnit => "Kết quả đơn vị", "Unit results";
    UnitTitle => "Kết quả đánh giá của đơn vị", "Unit results";
    UnitUnit => "Đơn vị", "Unit";
    UnitShow => "Xem", "Show";
    UnitWaiting => "chờ duyệt", "waiting";
    UnitApprovedEntries => "đã duyệt", "approved";
    UnitDrafts => "nháp", "drafts";
    UnitReturned => "bị trả lại", "returned";
    UnitGeneral => "Tiêu chí chung", "General criteria";
    UnitYearAssessment => "Đánh giá cuối năm của lãnh đạo", "The head's year-end assessment";
    UnitGeneralOf => "tối đa", "at most";
    UnitDisqualified => "Thuộc trường hợp xếp loại không hoàn thành nhiệm vụ (kỷ luật…)", "Disqualified (discipline…)";
    UnitSavePoints => "Lưu điểm", "Save points";
    UnitPointsSaved => "Đã lưu điểm tiêu chí chung.", "General points saved.";
    UnitNotComputed => "Chưa tính", "Not computed";
    UnitStale => "Cần tính lại (nhật ký hoặc điểm đã thay đổi)", "Out of date (entries or points changed)";
    UnitScoreApproved => "Đã phê duyệt", "Approved";
    UnitFlags => "Dấu hiệu cần xem lại", "Signals to check";
    UnitFlagHeavyDay => "Ngày trên 8 giờ chuẩn", "Days above 8 standard hours";
    UnitFlagOutlier => "Số lượng cao bất thường so với trung vị cùng vị trí", "Quantity far above the position's median";
    UnitFlagMedian => "trung vị", "median";
    UnitFlagEvidence => "Mục thiếu số văn bản", "Entries missing their document number";
    UnitDistribution => "Phân bố xếp loại", "Grade distribution";
    UnitNotScored => "Chưa đủ điều kiện chấm", "Not scored";
    UnitCompute => "Tính điểm kỳ này", "Score this period";
    UnitComputeHelp => "Điểm được tính cùng toàn bộ cán bộ của cơ quan để áp dụng đúng giới hạn 20% xếp loại xuất sắc; chỉ kết quả của đơn vị này được lưu.", "Scores are computed with the whole agency so that the 20% cap on excellent grades is right; only this unit's results are stored.";
    UnitComputed => "Số cán bộ có kết quả mới:", "Officers with a new result:";
    UnitApprove => "Phê duyệt kết quả kỳ", "Approve the period's results";
    UnitApproved => "Số kết quả đã phê duyệt:", "Results approved:";
    UnitBlockWaiting => "Còn mục nhật ký chờ duyệt:", "Entries still waiting for review:";
    UnitBlockNotComputed => "Cán bộ chưa có kết quả:", "Officers without a result:";
    UnitBlockStale => "Kết quả cần tính lại:", "Results out of date:";
    UnitBlockAppeals => "Khiếu nại chờ trả lời:", "Appeals waiting for an answer:";
    UnitBlockApproved => "Kết quả kỳ này đã được phê duyệt.", "This period's results are approved.";
    UnitNoData => "Trong kỳ này chưa cán bộ nào của đơn vị ghi nhật ký công việc.", "Nobody in the unit has logged work in this period yet.";
    UnitLastData => "Tháng gần nhất có dữ liệu:", "The last month with data:";
    UnitNoOfficers => "Đơn vị không có cán bộ nào để đánh giá.", "The unit has no officers to evaluate.";
    ReviewTitle => "Duyệt nhật ký công việc", "Review work logs";
    ReviewOfficer => "Cán bộ", "Officer";
    ReviewAllOfficers => "— Tất cả —", "— All —";
    ReviewFilter => "Lọc", "Filter";
    ReviewEmpty => "Không có mục nào chờ duyệt.", "Nothing waits for review.";
    ReviewWaiting => "mục chờ duyệt", "entries waiting";
    ReviewPick => "Chọn", "Pick";
    ReviewPickAll => "Chọn tất cả", "Pick all";
    ReviewApprovePicked => "Duyệt các mục đã chọn", "Approve the picked entries";
    ReviewApproved => "Số mục đã duyệt:", "Entries approved:";
    ReviewNothingPicked => "Chưa chọn mục nào.", "No entry picked.";
    ReviewReturn => "Trả lại", "Return";
    ReviewReturnReason => "Lý do trả lại", "Reason for returning";
    ReviewFindings => "Ghi nhận", "Record";
    ReviewQualityFailures => "Số lỗi chất lượng", "Major quality errors";
    ReviewDelays => "Số lần trễ hạn", "Delays";
    ReviewObjectiveCause => "Có nguyên nhân khách quan", "Objective cause confirmed";
    ReviewLate => "Hoàn thành sau hạn", "Completed after the deadline";
    ReviewDone => "Đã lưu.", "Saved.";
    NavMyScore => "Điểm của tôi", "My score";
    ScoreTitle => "Kết quả đánh giá", "Evaluation result";
    ScoreTotal => "Tổng điểm", "Total";
    ScoreGrade => "Xếp loại", "Grade";
    ScoreNotScored => "Chưa chấm điểm", "Not scored";
    ScoreNone => "Chưa có kết quả đánh giá nào.", "No evaluation result yet.";
    ScoreComponents => "Thành phần điểm", "Components";
    ScoreCompGeneral => "Tiêu chí chung: điểm thủ trưởng đơn vị chấm về chính trị, đạo đức, ý thức kỷ luật (tối đa 30)", "General criteria: points the head of unit gives for conduct and discipline (up to 30)";
    ScoreCompA => "a — Số lượng: phần công việc được giao đã hoàn thành, quy ra giờ chuẩn", "a — Quantity: the share of assigned work completed, in standard hours";
    ScoreCompB => "b — Chất lượng: phần công việc đạt yêu cầu, trừ khi có lỗi chất lượng", "b — Quality: the share of work that met the standard, less quality failures";
    ScoreCompC => "c — Tiến độ: phần công việc đúng hạn, trừ khi trễ hạn", "c — Timeliness: the share of work on time, less delays";
    ScoreCompTask => "Kết quả thực hiện nhiệm vụ (tối đa 70)", "Task results (up to 70)";
    ScoreCompMonthsAverage => "Bình quân điểm các tháng đã chấm trong kỳ", "Average of the months scored in the period";
    ScoreCompMonthsScored => "Số tháng đã chấm tính vào bình quân", "Months scored, counted in the average";
    ScoreCompYearAssessment => "Điểm đánh giá cuối năm của thủ trưởng (thang 100)", "The head's year-end assessment (out of 100)";
    ScoreMonthLink => "Xem giải thích của tháng", "See the month's explanation";
    ScoreTrace => "Giải thích từng quy tắc", "Explained rule by rule";
    ScoreRule => "Quy tắc", "Rule";
    ScorePoints => "Điểm", "Points";
    ScoreLine => "Dòng", "Line";
    ReviewFindingsSaved => "Đã ghi nhận lỗi chất lượng và trễ hạn của công việc.", "The entry's quality failures and delays are recorded.";
    ReviewReturned => "Đã trả lại công việc cho cán bộ kèm lý do.", "The entry was returned to the officer with the reason.";
    PracticeTitle => "Thực hành ghi nhật ký", "Practice logging";
    PracticeIntro => "Chế độ thực hành: ông/bà ghi và nộp thử công việc theo danh mục của mình để làm quen. Các mục thực hành không được gửi tới thủ trưởng đơn vị, không được tính điểm và không xuất hiện trong báo cáo nào.", "Practice mode: log and submit work against your own catalog to get used to it. Practice entries are not sent to your head of unit, are never scored and appear in no report.";
    PracticeAdd => "Thêm mục thực hành", "Add a practice entry";
    PracticeSave => "Lưu mục thực hành", "Save the practice entry";
    PracticeSaved => "Đã lưu mục thực hành (nháp).", "Practice entry saved (draft).";
    PracticeEntries => "Các mục thực hành trong tháng", "Practice entries of the month";
    PracticeSubmitHelp => "Nộp thử giống như gửi duyệt thật: các mục nháp của tháng chuyển sang “Đã nộp thử” và được tính vào điểm dự kiến bên dưới. Không ai nhận được các mục này.", "Submitting here works like sending for review: the month's drafts become “Submitted (practice)” and count in the preview below. Nobody receives them.";
    PracticeSubmit => "Nộp thử các mục nháp của tháng", "Submit the month's practice drafts";
    PracticeSubmitted => "Số mục đã nộp thử:", "Practice entries submitted:";
    PracticeSubmittedBadge => "Đã nộp thử", "Submitted (practice)";
    PracticeNoEntries => "Chưa có mục thực hành nào trong tháng này. Hãy thêm một công việc ở biểu mẫu phía trên.", "No practice entries this month yet. Add a task with the form above.";
    PracticePreviewTitle => "Điểm dự kiến", "What my score would be";
    PracticePreviewHelp => "Điểm tính bằng công thức đang áp dụng cho vị trí của ông/bà, trên các mục đã nộp thử, như khi thủ trưởng xác nhận đúng như đã ghi (không lỗi chất lượng, không trễ hạn). Nhập điểm tiêu chí chung mà ông/bà dự kiến được chấm để xem tổng điểm.", "Computed by the formula in force for your position on the submitted practice entries, as if your head confirmed them as logged (no quality failures, no delays). Enter the general-criteria points you expect to see the total.";
    PracticeGeneral => "Điểm tiêu chí chung dự kiến", "General-criteria points you expect";
    PracticeShow => "Xem điểm dự kiến", "Show the preview";
    PracticeNoPreview => "Nộp thử ít nhất một mục để xem điểm dự kiến.", "Submit at least one practice entry to see the preview.";
    PracticeCounted => "Mục đã nộp thử được tính:", "Submitted practice entries counted:";
    PracticeTotal => "Tổng điểm dự kiến", "Previewed total";
    PracticeCapNote => "Giới hạn 20% số người Hoàn thành xuất sắc nhiệm vụ chỉ áp dụng khi tính điểm thật cùng các cán bộ khác của cơ quan, nên không có trong điểm dự kiến.", "The 20% cap on excellent grades is applied only when the real month is scored with the agency's other officers, so the preview leaves it out.";
    PracticeStartOver => "Bắt đầu lại", "Start over";
    PracticeClear => "Xóa toàn bộ dữ liệu thực hành", "Delete all practice data";
    PracticeCleared => "Số mục thực hành đã xóa:", "Practice entries deleted:";
    PracticeToDiary => "Sang nhật ký công việc thật", "Go to the real work diary";
    HelpPractice => "Thực hành ghi nhật ký (không gửi duyệt, không tính điểm)", "Practice logging (not sent, not scored)";
    PracticeLink => "Chưa quen? Thử ở chế độ thực hành — không gửi duyệt, không tính điểm.", "New to this? Try practice mode — nothing is sent or scored.";
    PracticeMonthOnly => "Chế độ thực hành chỉ xem theo tháng (ví dụ 2026-12).", "Practice mode shows one month at a time (e.g. 2026-12).";
    PracticeBadGeneral => "Điểm tiêu chí chung phải là số từ 0 đến 100.", "General-criteria points must be a number from 0 to 100.";
    PracticeFull => "Ông/bà đã có 200 mục thực hành; hãy xóa bớt hoặc bắt đầu lại.", "You already have 200 practice entries; delete some or start over.";
    GuideOfficer => "Hướng dẫn nhanh cho cán bộ", "Quick guide for officers";
    GuideOfficer1 => "Chọn công việc trong danh mục", "Pick the task from your catalog";
    GuideOfficer1Text => "Gõ vài chữ để tìm công việc trong danh mục của vị trí việc làm; mỗi công việc có sẵn định mức thời gian và hệ số phức tạp.", "Type a few letters to find the task in your position's catalog; each task carries its time norm and complexity coefficient.";
    GuideOfficer2 => "Ghi ngày làm và số lượng", "Enter the date and the quantity";
    GuideOfficer2Text => "Ghi số lượng đã làm trong ngày; phần mềm quy đổi ra giờ chuẩn = định mức × hệ số × số lượng và nhắc khi một ngày vượt 8 giờ chuẩn.", "Enter how many you did that day; Rubric converts it to standard hours = norm × coefficient × quantity and warns when a day goes over 8 standard hours.";
    GuideOfficer3 => "Xem lại các dòng đã ghi", "Check what you logged";
    GuideOfficer3Text => "Dòng nháp còn sửa, xóa được; dòng bị trả lại có ghi lý do của thủ trưởng để ông/bà sửa rồi gửi lại.", "Draft lines can still be edited or deleted; a returned line carries your head's reason so you can fix it and send it again.";
    GuideOfficer4 => "Gửi duyệt", "Send for review";
    GuideOfficer4Text => "Cuối tuần hoặc cuối tháng, gửi các dòng nháp cho thủ trưởng đơn vị duyệt. Chỉ công việc đã duyệt mới được tính điểm; xem điểm và cách tính ở mục “Điểm của tôi”.", "At the end of the week or month, send your draft lines to your head for review. Only approved work is scored; see your score and how it is computed under “My score”.";
    GuideReviewer => "Hướng dẫn nhanh cho người duyệt", "Quick guide for reviewers";
    GuideReviewer1 => "Lọc theo cán bộ", "Filter by officer";
    GuideReviewer1Text => "Chọn một cán bộ để duyệt lần lượt từng người, hoặc để trống để xem mọi công việc chờ duyệt của đơn vị.", "Pick an officer to review one person at a time, or leave it empty to see all of the unit's waiting work.";
    GuideReviewer2 => "Xem từng công việc", "Look at each entry";
    GuideReviewer2Text => "Ghi nhận lỗi chất lượng, trễ hạn và nguyên nhân khách quan nếu có; trả lại kèm lý do khi cần sửa, hoặc từ chối.", "Record quality failures, delays and an objective cause if any; return the entry with a reason when it needs fixing, or reject it.";
    GuideReviewer3 => "Duyệt các dòng đã chọn", "Approve the lines you picked";
    GuideReviewer3Text => "Đánh dấu các dòng đúng rồi duyệt một lần. Sau đó chấm tiêu chí chung và tính điểm ở trang “Kết quả đơn vị”.", "Tick the correct lines and approve them at once. Then enter the general criteria and compute the scores on the “Unit results” page.";
    GuideAdmin => "Hướng dẫn nhanh cho quản trị viên", "Quick guide for administrators";
    GuideAdmin1 => "Làm theo danh sách việc cần chuẩn bị", "Follow the setup checklist";
    GuideAdmin1Text => "Danh sách cho biết việc nào đã xong, việc nào còn thiếu (đơn vị, người dùng, vị trí việc làm, danh mục công việc, công thức), mỗi việc có đường dẫn đến trang để làm.", "The checklist shows what is done and what is missing (units, users, positions, task catalogs, formula), each with a link to the page where you do it.";
    GuideAdmin2 => "Các trang quản trị", "The administration pages";
    GuideAdmin2Text => "Trình đơn dẫn đến tổ chức, người dùng, vị trí việc làm, công thức chấm điểm, kết nối API và nhật ký kiểm toán. Mọi thay đổi đều được ghi vào nhật ký kiểm toán.", "The menu leads to the organisation, users, positions, scoring formulas, API connections and the audit trail. Every change is recorded in the audit trail.";
    GuideCommittee => "Hướng dẫn nhanh cho Ban Chỉ đạo", "Quick guide for the Steering Committee";
    GuideCommittee1 => "Chọn kỳ", "Choose the period";
    GuideCommittee1Text => "Chọn tháng, quý hoặc năm để xem kết quả toàn tỉnh; số liệu là tạm thời cho đến khi kỳ được công bố.", "Choose a month, quarter or year to see the province's results; the figures are provisional until the period is published.";
    GuideCommittee2 => "Đọc bảng theo cơ quan", "Read the table by agency";
    GuideCommittee2Text => "Bảng cho biết số cán bộ đã chấm và tỷ lệ từng mức xếp loại của mỗi cơ quan; bấm tên cơ quan để xem đến từng cán bộ.", "The table gives each agency's officers scored and the share of each grade; click an agency to go down to each officer.";
    GuideCommittee3 => "Công thức chấm điểm", "The scoring formulas";
    GuideCommittee3Text => "Ở trang “Công thức chấm điểm”, Ban Chỉ đạo chấm thử một kỳ đã qua bằng công thức dự thảo, xem ai thay đổi và vì sao, rồi phê duyệt và cho áp dụng từ một ngày.", "On the “Scoring formulas” page, the committee re-scores a past period with a draft formula, sees who moves and why, then approves it and activates it from a date.";
    GuideStep => "Bước", "Step";
    GuideNext => "Tiếp", "Next";
    GuidePrev => "Trước", "Back";
    GuideShow => "Chỉ vị trí trên trang", "Show me where";
    GuideDismiss => "Đã hiểu, ẩn hướng dẫn", "Got it, hide the guide";
    HelpNav => "Trợ giúp", "Help";
    HelpTitle => "Trợ giúp", "Help";
    HelpIntro => "Hướng dẫn nhanh cho từng trang chính của ông/bà, thuật ngữ KPI và cách đọc điểm.", "Quick guides to your main pages, the KPI terms and how to read your score.";
    HelpGuides => "Hướng dẫn nhanh", "Quick guides";
    HelpOpenGuide => "Xem lại hướng dẫn", "Open the guide again";
    HelpGlossary => "Thuật ngữ KPI: định mức, hệ số, giờ chuẩn, lỗi chất lượng, trễ hạn…", "KPI terms: norm, coefficient, standard hours, quality failure, delay…";
    HelpScore => "Điểm của tôi và cách tính, từng bước với số liệu của ông/bà", "My score and how it is computed, step by step with your own figures";
    WalkTitle => "Điểm của tôi được tính thế nào?", "How is my score computed?";
    WalkIntro => "Từng bước của công thức đang áp dụng cho ông/bà, với số liệu của chính ông/bà trong kỳ.", "Each step of the formula that applies to you, with your own figures for the period.";
    WalkTraceLink => "Xem trong giải thích chi tiết", "See in the detailed explanation";
    WalkOtherParams => "Các tham số khác của công thức", "The formula's other parameters";
    ScoreEntries => "mục nhật ký góp phần", "contributing entries";
    ScoreFormula => "Công thức", "Formula";
    ScoreHistory => "Điểm theo từng kỳ", "Score by period";
    ScoreVersion => "lần chấm", "scoring no.";
    FormulaTitle => "Công thức chấm điểm", "Scoring formula";
    FormulaHash => "Mã băm nội dung", "Content hash";
    ErrPasswordChangeRequired => "Bạn cần đổi mật khẩu trước khi tiếp tục.", "Change your password before you go on.";
    ErrBodyTooLarge => "Dữ liệu gửi lên quá lớn (tối đa 2 MB).", "The request is too large (2 MB at most).";
    ErrNotFound => "Không tìm thấy dữ liệu.", "Not found.";
    ErrUnauthenticated => "Vui lòng đăng nhập.", "Please sign in.";
    ErrForbidden => "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this.";
    ErrEngineBusy => "Bạn đang có việc chạy công thức khác chưa xong. Vui lòng chờ việc đó xong rồi thử lại.", "You already have other formula runs in progress. Wait for them to finish, then try again.";
    ErrConflict => "Dữ liệu đã được người khác thay đổi. Vui lòng tải lại trang và thử lại.", "Someone else changed this record. Reload the page and try again.";
    ErrInternal => "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.", "Something went wrong on the server. Please try again later.";
    SimDone => "Đã xong", "Done";
    SimFailed => "Thất bại", "Failed";
    SimRunning => "Đang chạy", "Running";
    ReScope => "Áp dụng cho", "Applies to";
    ReProvinceDefault => "Mặc định của tỉnh", "Province default";
    ReAuthor => "Người soạn", "Author";
    ReApprover => "Người phê duyệt", "Approver";
    ReCompareWithPrevious => "So sánh với phiên bản trước", "Compare with the previous version";
    ReNewDraft => "Tạo dự thảo mới từ phiên bản này", "New draft from this version";
    ReDecision => "Ý kiến của Ban Chỉ đạo", "Steering Committee decision";
    ReApprovalNote => "Ý kiến phê duyệt", "Approval note";
    ReApprove => "Phê duyệt", "Approve";
    ReReturnReason => "Lý do trả lại", "Reason for returning";
    ReReturn => "Trả lại để sửa", "Return for changes";
    ReRollback => "Áp dụng lại (khôi phục)", "Activate again (roll back)";
    ReActivate => "Áp dụng", "Activate";
    ReEffectiveFrom => "Áp dụng từ ngày", "Effective from";
    ReActivateHint => "Từ hôm nay hoặc từ ngày đầu của một kỳ chưa phê duyệt. Điểm đã chấm không tự thay đổi: chấm lại kỳ đang mở là một thao tác riêng, được ghi nhật ký.", "From today or from the start of a period not yet approved. Scores already computed do not change by themselves: re-scoring an open period is a separate, recorded action.";
    ReRetire => "Ngừng áp dụng", "Retire";
    ReRescoreTitle => "Chấm lại kỳ đang mở", "Re-score open periods";
    ReRescoreHint => "Điểm đã phê duyệt được giữ nguyên; chỉ cán bộ có công thức, dữ liệu hoặc kết quả thay đổi mới có phiên bản điểm mới.", "Approved scores stay as they are; only officers whose formula, inputs or result changed get a new score version.";
    ReRescore => "Chấm lại kỳ", "Re-score period";
    ReEvidence => "Hồ sơ phê duyệt", "Approval evidence";
    ReEvidenceSimulation => "Lần chạy thử:", "Simulation:";
    ReEvidenceTests => "Ca kiểm thử đạt", "Test cases passed";
    ReEvidenceDiff => "So với phiên bản đang áp dụng", "Compared with the version in force";
    ReLines => "dòng kịch bản", "script lines";
    ReScript => "Kịch bản (Rhai)", "Script (Rhai)";
    ReParams => "Tham số", "Parameters";
    ReCases => "Ca kiểm thử", "Test cases";
    ReCasesHint => "Sửa tổng điểm hoặc xếp loại mong đợi; để trống để không kiểm tra.", "Change the expected total or grade; leave it blank not to check it.";
    ReSaved => "Đã lưu dự thảo.", "Draft saved.";
    ReSaveAndTest => "Lưu và chạy kiểm thử", "Save and run the tests";
    ReSubmit => "Gửi phê duyệt", "Submit for approval";
    ReLine => "Dòng", "Line";
    ReColumn => "cột", "column";
    ReCompiles => "Kịch bản biên dịch được.", "The script compiles.";
    ReParam => "Tham số", "Parameter";
    ReValue => "Giá trị", "Value";
    ReRange => "Giới hạn", "Range";
    ReCase => "Ca kiểm thử", "Test case";
    ReOfficer => "Cán bộ", "Officer";
    ReExpectedTotal => "Tổng điểm mong đợi", "Expected total";
    ReExpectedGrade => "Xếp loại mong đợi", "Expected grade";
    ReExpectedComponents => "Thành phần mong đợi (tên = số)", "Expected components (name = value)";
    ReResults => "Kết quả kiểm thử", "Test results";
    ReCasesPassed => "ca kiểm thử đạt", "test cases passed";
    ReNotRun => "Các ca kiểm thử của nội dung này chưa được chạy.", "The test cases of these texts have not been run yet.";
    ReRunChecks => "Chạy kiểm thử", "Run the tests";
    ReField => "Mục", "Field";
    ReExpected => "Mong đợi", "Expected";
    ReActual => "Thực tế", "Actual";
    ReTryTitle => "Thử trên kỳ của một cán bộ", "Try it on an officer's period";
    RePeriod => "Kỳ đánh giá", "Period";
    ReTry => "Chạy thử", "Try";
    ReCurrentScore => "Điểm hiện lưu", "Stored score";
    SimTitle => "Chạy thử trên kỳ đã chấm", "Simulations";
    SimNone => "Chưa chạy thử lần nào.", "No simulation yet.";
    SimScopeUnits => "Giới hạn theo đơn vị", "Limit to units";
    SimScopePositions => "Giới hạn theo vị trí việc làm", "Limit to positions";
    SimRun => "Chạy thử", "Run the simulation";
    SimScope => "Phạm vi", "Scope";
    SimScopeAll => "toàn tỉnh", "the whole province";
    SimExport => "Tải về Excel", "Download as Excel";
    SimOfficers => "cán bộ", "officers";
    SimChangedGrade => "đổi xếp loại", "change grade";
    SimUp => "Lên hạng", "Moved up";
    SimDown => "Xuống hạng", "Moved down";
    SimMeanDelta => "Chênh lệch trung bình", "Mean change";
    SimMaxUp => "Tăng nhiều nhất", "Largest rise";
    SimMaxDown => "Giảm nhiều nhất", "Largest fall";
    SimDuration => "Thời gian chạy", "Run time";
    SimMatrix => "Ma trận chuyển xếp loại", "Grade transition matrix";
    SimMatrixHint => "Hàng: xếp loại theo công thức đang áp dụng; cột: theo dự thảo. Ô ngoài đường chéo là người đổi xếp loại.", "Rows: grade under the formula in force; columns: under the draft. Cells off the diagonal are officers who change grade.";
    SimActiveDraft => "Đang áp dụng \\ Dự thảo", "In force \\ Draft";
    SimDistribution => "Phân bố xếp loại", "Grade distribution";
    SimActive => "Đang áp dụng", "In force";
    SimDraft => "Dự thảo", "Draft";
    SimCrossings => "Vượt ngưỡng xếp loại", "Threshold crossings";
    SimByUnit => "Ảnh hưởng theo đơn vị", "Effect by unit";
    SimByPosition => "Ảnh hưởng theo vị trí việc làm", "Effect by position";
    SimPeopleHidden => "Kết quả của từng cán bộ chỉ Ban Chỉ đạo và thanh tra được xem; ở đây là số liệu tổng hợp.", "Each officer's results are for the Steering Committee and auditors only; the aggregates are shown here.";
    SimRows => "Từng cán bộ (thay đổi nhiều nhất trước)", "Each officer (largest changes first)";
    SimRowsCut => "cán bộ được hiển thị; tệp Excel có đủ.", "officers shown; the Excel file has them all.";
    SimDelta => "Chênh lệch", "Change";
    SimRank => "Thứ hạng", "Rank";
    SimUnit => "Đơn vị", "Unit";
    SimGroupName => "Tên", "Name";
    // Refusals from services
    EntryQuantityPositive => "Số lượng phải lớn hơn 0.", "The quantity must be greater than 0.";
    EntryCompletedQtyRange => "Số lượng hoàn thành phải từ 0 đến số lượng được giao.", "The quantity completed must be between 0 and the quantity assigned.";
    EntryOffCatalogNeedsDescription => "Việc ngoài danh mục cần có mô tả.", "Work outside the catalog needs a description.";
    EntryOffCatalogNeedsMinutes => "Việc ngoài danh mục cần số phút đề xuất (1 đến 1440).", "Work outside the catalog needs a proposed number of minutes (1 to 1440).";
    EntryDeadlineBeforeAssigned => "Hạn hoàn thành không được trước ngày giao việc.", "The deadline cannot be earlier than the day the work was assigned.";
    EntryCompletedInFuture => "Ngày hoàn thành không được ở tương lai.", "The completion date cannot be in the future.";
    ReasonForReturnRequired => "Vui lòng nêu lý do trả lại.", "Please give the reason for returning it.";
    ReasonForRejectRequired => "Vui lòng nêu lý do từ chối.", "Please give the reason for rejecting it.";
    ReviewRejectOnlyOffCatalog => "Chỉ từ chối được việc ngoài danh mục; việc trong danh mục thì trả lại để sửa.", "Only work outside the catalog can be rejected; return catalog work for correction instead.";
    ReviewAlreadyInCatalog => "Mục này đã thuộc danh mục.", "This entry is already in the catalog.";
    ReviewFindingsRange => "Số lỗi và số lần trễ hạn phải từ 0 đến 20.", "The numbers of quality failures and of delays must be between 0 and 20.";
    AppealCommentRequired => "Vui lòng nêu nội dung khiếu nại.", "Please say what your appeal is about.";
    AppealAnswerRequired => "Vui lòng ghi nội dung trả lời.", "Please write the answer.";
    AppealNoResult => "Kỳ này chưa có kết quả để khiếu nại.", "This period has no result to appeal yet.";
    AppealEntryNotInResult => "Mục nhật ký này không thuộc kết quả của kỳ.", "This log entry is not part of the period's result.";
    AppealAlreadyOpen => "Bạn đã có một khiếu nại về nội dung này đang chờ trả lời.", "You already have an appeal about this waiting for an answer.";
    AppealAlreadyAnswered => "Khiếu nại này đã được trả lời.", "This appeal has already been answered.";
    UnitPointsApproved => "Kết quả kỳ này của cán bộ đã được phê duyệt; không sửa được điểm tiêu chí chung.", "The officer's result for this period is approved; the general-criteria points can no longer be changed.";
    ScorePublished => "Kết quả chính thức: Ban Chỉ đạo đã công bố kỳ này.", "Final result: the Steering Committee has published this period.";
    ScoreProvisional => "Kết quả tạm tính: kỳ này chưa được công bố, có thể còn thay đổi.", "Provisional result: this period is not published yet and may still change.";
    NavClosing => "Chốt kỳ", "Closing";
    ClosingTitle => "Chốt kỳ đánh giá", "Closing a period";
    ClosingIntro => "Trưởng đơn vị phê duyệt kết quả của đơn vị (trang Đơn vị), Giám đốc chốt cơ quan khi mọi đơn vị đã phê duyệt, Ban Chỉ đạo công bố kỳ khi mọi cơ quan đã chốt. Mỗi bước khóa các bước bên dưới; mở lại phải ghi lý do.", "Heads approve their unit's results (Unit page), the director closes the agency once every unit is approved, the Steering Committee publishes the period once every agency is closed. Each step locks the ones beneath it; reopening needs a reason.";
    ClosingPeriod => "Kỳ", "Period";
    ClosingShow => "Xem", "Show";
    ClosingAgency => "Cơ quan", "Agency";
    ClosingUnit => "Đơn vị", "Unit";
    ClosingOfficers => "Cán bộ", "Officers";
    ClosingScored => "Đã tính điểm", "Scored";
    ClosingApproved => "Đã phê duyệt", "Approved";
    ClosingUnitWaiting => "Chưa phê duyệt xong", "Not all approved";
    ClosingAgencyClosed => "Đã chốt", "Closed";
    ClosingAgencyOpen => "Chưa chốt", "Not closed";
    ClosingCloseAgency => "Chốt cơ quan", "Close the agency";
    ClosingReopenAgency => "Mở lại cơ quan", "Reopen the agency";
    ClosingReason => "Lý do mở lại", "Reason for reopening";
    ClosingPublish => "Công bố kết quả kỳ", "Publish the period";
    ClosingReopenPeriod => "Mở lại kỳ đã công bố", "Reopen the published period";
    ClosingPublishedState => "Đã công bố", "Published";
    ClosingNotPublished => "Chưa công bố (kết quả tạm tính)", "Not published (provisional results)";
    ClosingNoPeriod => "Kỳ này chưa có kết quả.", "This period has no results yet.";
    ClosingDone => "Đã lưu.", "Saved.";
    ClosingBy => "bởi", "by";
    UnitPeriodMonth => "Tháng", "Month";
    UnitPeriodQuarter => "Quý", "Quarter";
    UnitPeriodYear => "Năm", "Year";
    UnitReopened => "Đã mở lại kết quả của số cán bộ:", "Results reopened, officers:";
    UnitReopen => "Mở lại kết quả đơn vị", "Reopen the unit's results";
    DeadlineBadDate => "Ngày không hợp lệ (dd/mm/yyyy).", "Not a valid date (dd/mm/yyyy).";
    DeadlineOrder => "Các hạn phải sau kỳ đánh giá và theo thứ tự: gửi nhật ký, phê duyệt đơn vị, chốt cơ quan, công bố.", "The deadlines must fall after the period and in order: submit entries, approve units, close agencies, publish.";
    DeadlineTitle => "Lịch chốt kỳ", "Closing calendar";
    DeadlineDefault => "Theo lịch mặc định của tỉnh (ngày 5, 10, 15, 25 của tháng sau kỳ).", "The province's default calendar (the 5th, 10th, 15th and 25th of the month after the period).";
    DeadlineSubmit => "Cán bộ gửi nhật ký trước", "Officers submit entries by";
    DeadlineReview => "Trưởng đơn vị phê duyệt trước", "Heads approve their units by";
    DeadlineClose => "Giám đốc chốt cơ quan trước", "Directors close their agencies by";
    DeadlinePublish => "Ban Chỉ đạo công bố trước", "The committee publishes by";
    DeadlineSave => "Lưu lịch", "Save the calendar";
    ClosingLate => "Trễ hạn", "Late";
    DelegationTitle => "Ủy quyền duyệt (quyền trưởng đơn vị)", "Delegated review (acting head)";
    DelegationNone => "Không có ủy quyền nào.", "No delegation.";
    DelegationUser => "Người được ủy quyền (tên đăng nhập)", "Acting head (user name)";
    DelegationFrom => "Từ ngày", "From";
    DelegationTo => "đến ngày", "to";
    DelegationBy => "ủy quyền của", "delegated by";
    DelegationNote => "Ghi chú", "Note";
    DelegationCreate => "Ủy quyền", "Delegate";
    DelegationRevoke => "Thu hồi", "Revoke";
    DelegationStateRunning => "Đang hiệu lực", "In force";
    DelegationStateRevoked => "Đã thu hồi", "Revoked";
    DelegationStateOther => "Chưa hoặc hết hiệu lực", "Not in force";
    DelegationDates => "Thời gian ủy quyền không hợp lệ: ngày kết thúc không trước ngày bắt đầu, không ở quá khứ, và không quá 180 ngày.", "The delegation's dates are not valid: the end is not before the start nor in the past, and it lasts at most 180 days.";
    DelegationOnlyHead => "Chỉ trưởng đơn vị (theo vai trò) mới ủy quyền duyệt đơn vị.", "Only the unit's head (by role) delegates its review.";
    DelegationUnknownUser => "Không có người dùng đang hoạt động với tên đăng nhập này trong cơ quan.", "No active user of the agency has this user name.";
    DelegationSelf => "Không tự ủy quyền cho chính mình.", "You cannot delegate to yourself.";
    DelegationRevoked => "Ủy quyền này đã được thu hồi.", "This delegation is already revoked.";
    ClosingReasonRequired => "Hãy ghi lý do mở lại.", "Give the reason for reopening.";
    AgencyAlreadyClosed => "Cơ quan đã chốt kỳ này.", "The agency has already closed this period.";
    AgencyNotClosed => "Cơ quan chưa chốt kỳ này.", "The agency has not closed this period.";
    UnitNotApproved => "Kết quả kỳ này của đơn vị chưa được phê duyệt; không có gì để mở lại.", "The unit's results for this period are not approved; there is nothing to reopen.";
    UnitPeriodApproved => "Kết quả kỳ này của đơn vị đã được phê duyệt.", "The unit's results for this period are already approved.";
    PosImportFile => "Hoặc chọn tệp Excel (.xlsx) hay CSV có các cột như trên", "Or choose an Excel (.xlsx) or CSV file with the columns above";
    PosImportFileButton => "Nhập từ tệp", "Import the file";
    PosImportFileDone => "Đã nhập danh mục từ tệp; số công việc:", "The catalog was imported from the file; tasks:";
    PosImportFileUnreadable => "Không đọc được tệp: hãy dùng tệp Excel (.xlsx) hoặc CSV UTF-8.", "The file could not be read: use an Excel (.xlsx) or UTF-8 CSV file.";
    PosImportNotDraft => "Chỉ nhập danh mục vào bản nháp hoặc bản bị trả lại.", "A catalog is only imported into a draft or a returned version.";
    PosImportFileInvalid => "Tệp có công việc không hợp lệ (mã trùng, tên trống, định mức âm…): hãy dán bảng vào ô phía trên để xem lỗi từng dòng.", "The file has invalid tasks (duplicate codes, empty names, negative norms…): paste the table into the box above to see each line's error.";
    BoundaryNothingChosen => "Chưa chọn ca kiểm thử mới nào để thêm.", "No new test case was chosen.";
    BoundaryTitle => "Ca kiểm thử tại ranh giới xếp loại", "Test cases at the grade thresholds";
    BoundaryHint => "Đề xuất một cán bộ có tổng điểm ngay dưới, đúng bằng và ngay trên mỗi ngưỡng (±0,01), với mức xếp loại mà ngưỡng quy định; chọn các ca muốn giữ rồi thêm vào bản nháp.", "Proposes one officer whose total is just under, exactly at and just over each threshold (±0.01), with the grade the threshold sets; choose the cases to keep and add them to the draft.";
    BoundaryPropose => "Đề xuất ca ranh giới", "Propose boundary cases";
    BoundaryAccept => "Thêm các ca đã chọn", "Add the chosen cases";
    BoundaryAlready => "đã có", "already there";
    BoundaryUnreachable => "Không tạo được ca cho:", "No case could be made for:";
    FormulaNew => "Tạo công thức cho vị trí việc làm hoặc cơ quan", "New formula for a position or an agency";
    FormulaOrder => "Khi chấm điểm, cán bộ được chấm theo công thức riêng của vị trí việc làm; nếu không có, theo tham số riêng của cơ quan trên công thức mặc định; nếu không có nữa, theo công thức mặc định của tỉnh. Mỗi công thức được kiểm thử, mô phỏng và phê duyệt như công thức mặc định.", "Officers are scored by their position's own formula; else by their agency's parameters on the default; else by the province default. Each formula is tested, simulated and approved like the default.";
    FormulaForPosition => "Vị trí việc làm", "Position";
    FormulaForAgency => "Cơ quan (chỉ điều chỉnh tham số của công thức mặc định)", "Agency (the default's parameters only)";
    FormulaTemplateLabel => "Sao chép từ", "Copy from";
    FormulaFromDefault => "Công thức mặc định đang áp dụng", "The default in force";
    FormulaFromDecree335 => "Mẫu Nghị định 335/2025", "Decree 335/2025 template";
    FormulaFromKhanhHoa => "Mẫu Khánh Hòa 2025", "Khánh Hòa 2025 template";
    FormulaFromLeader => "Mẫu cho lãnh đạo đơn vị", "Template for unit leaders";
    FormulaCreatePosition => "Tạo bản nháp cho vị trí", "Draft the position's formula";
    FormulaCreateAgency => "Tạo bản nháp tham số của cơ quan", "Draft the agency's parameters";
    FormulaUnknownTemplate => "Mẫu công thức đã chọn không tồn tại.", "The chosen template does not exist.";
    FormulaNoDefault => "Chưa có công thức mặc định của tỉnh để sao chép.", "There is no province default formula to copy yet.";
    FormulaUnknownTarget => "Không tìm thấy vị trí việc làm hoặc cơ quan đã chọn.", "The chosen position or agency does not exist.";
    FormulaAgencyFromDefault => "Công thức của cơ quan chỉ điều chỉnh tham số nên được lập từ công thức mặc định của tỉnh.", "An agency's formula only changes parameters, so it starts from the province default.";
    FormulaAgencyScriptFixed => "Công thức của cơ quan giữ nguyên kịch bản của công thức mặc định và chỉ điều chỉnh tham số; muốn sửa kịch bản, hãy tạo công thức riêng cho vị trí việc làm.", "An agency's formula keeps the default's script and only changes parameters; to change the script, make a position's own formula.";
    RuleSetCodeNameRequired => "Mã và tên bộ quy tắc không được để trống.", "The rule set's code and name cannot be empty.";
    RuleApprovalNoteRequired => "Vui lòng ghi ý kiến phê duyệt.", "Please write the approval note.";
    RuleSimulationRequired => "Chưa có lần chạy thử nào hoàn tất: hãy chạy thử phiên bản này trên một kỳ đã chấm trước khi phê duyệt.", "No simulation has finished yet: simulate this version on a scored period before approving it.";
    RuleEffectiveDateNotPeriodStart => "Ngày áp dụng phải là hôm nay hoặc ngày đầu của một kỳ (ngày 01 của tháng).", "The effective date must be today or the first day of a period (the 1st of a month).";
    JdDescriptionEmpty => "Bản mô tả công việc chưa có nội dung.", "The job description has no content yet.";
    JdCatalogEmpty => "Danh mục công việc đang trống.", "The task catalog is empty.";
    JdDecisionNoRequired => "Vui lòng nhập số quyết định phê duyệt.", "Please enter the number of the approval decision.";
    PosImportNothing => "Không có dòng nào để nhập.", "There are no lines to import.";
    SeedDatabaseNotEmpty => "Cơ sở dữ liệu đã có dữ liệu; hãy tạo tỉnh vào một cơ sở dữ liệu trống.", "The database already has data; generate a province into an empty one.";
    // The integration API (/api/v1): its clients and tokens, and the problems it answers.
    ApiClientNameRequired => "Tên hệ thống kết nối không được để trống (tối đa 128 ký tự).", "The client's name cannot be empty (128 characters at most).";
    ApiClientNameTaken => "Đã có hệ thống kết nối mang tên này.", "A client with this name already exists.";
    ApiClientUnknownAgency => "Không tìm thấy cơ quan (mã đơn vị cấp cơ quan) đã chọn.", "The chosen agency (an agency-level unit code) does not exist.";
    ApiClientEntryStatus => "Trạng thái nhận bản ghi phải là bản nháp (draft) hoặc đã gửi (submitted).", "Entries land as drafts (draft) or submitted (submitted).";
    ApiTokenScopesRequired => "Chọn ít nhất một quyền: entries:write, catalog:read, org:read, scores:read.", "Choose at least one scope: entries:write, catalog:read, org:read, scores:read.";
    ApiTokenUnknownScope => "Quyền không hợp lệ; các quyền có: entries:write, catalog:read, org:read, scores:read.", "Unknown scope; the scopes are entries:write, catalog:read, org:read, scores:read.";
    ApiTokenDays => "Thời hạn của mã truy cập là từ 1 đến 365 ngày.", "A token lasts from 1 to 365 days.";
    ApiTokenNameRequired => "Tên mã truy cập không được để trống (tối đa 128 ký tự).", "The token's name cannot be empty (128 characters at most).";
    ApiClientUnknown => "Không tìm thấy hệ thống kết nối.", "The client does not exist.";
    ApiProblemUnauthenticated => "Thiếu mã truy cập hoặc mã không đúng (Authorization: Bearer …).", "The token is missing or wrong (Authorization: Bearer …).";
    ApiProblemTokenExpired => "Mã truy cập đã hết hạn.", "The token has expired.";
    ApiProblemTokenRevoked => "Mã truy cập đã bị thu hồi hoặc hệ thống kết nối đã bị ngừng.", "The token was revoked or its client disabled.";
    ApiProblemScope => "Mã truy cập không có quyền cần cho yêu cầu này.", "The token lacks the scope this request needs.";
    ApiProblemOutsideAgency => "Đơn vị hoặc cán bộ này không thuộc cơ quan của hệ thống kết nối.", "This unit or officer is outside the client's agency.";
    ApiProblemNotFound => "Không tìm thấy.", "Not found.";
    ApiProblemInvalidBody => "Nội dung yêu cầu không phải JSON hợp lệ theo tài liệu OpenAPI.", "The request body is not valid JSON as the OpenAPI document describes it.";
    ApiProblemInvalidParameter => "Tham số không hợp lệ.", "A parameter is invalid.";
    ApiProblemBatchSize => "Một lô có từ 1 đến 1.000 bản ghi.", "A batch holds 1 to 1,000 entries.";
    ApiProblemRateLimited => "Quá nhiều yêu cầu từ mã truy cập này; hãy thử lại sau số giây trong Retry-After.", "Too many requests with this token; retry after the seconds in Retry-After.";
    ApiProblemBusy => "Máy chủ đang bận ghi dữ liệu khác; hãy gửi lại lô này.", "The server is busy with another write; send this batch again.";
    ApiProblemInternal => "Lỗi máy chủ; chi tiết đã được ghi lại.", "Server error; the details were logged.";
    ApiItemInvalid => "Bản ghi không đúng cấu trúc.", "The entry does not have the documented structure.";
    ApiItemExternalId => "external_id phải có từ 1 đến 128 ký tự.", "external_id must have 1 to 128 characters.";
    ApiItemDuplicate => "external_id này đã xuất hiện ở bản ghi trước trong cùng lô.", "This external_id already appeared earlier in the same batch.";
    ApiItemUnknownOfficer => "Không có cán bộ đang làm việc mang mã nhân sự này trong cơ quan.", "No active officer of the agency has this person id.";
    ApiItemUnknownTask => "Công việc không thuộc danh mục của vị trí việc làm của cán bộ có hiệu lực vào ngày đó.", "The task is not in the catalog of the officer's position in force on that day.";
    ApiItemFutureDate => "Ngày làm việc không được sau hôm nay.", "The work date cannot be after today.";
    ApiItemPeriodClosed => "Kết quả tháng của ngày này đã được phê duyệt (cho cán bộ này hoặc cả kỳ); không nhận thêm hay sửa bản ghi.", "The month of this day is approved (for this officer or as a whole); entries can no longer be added or changed.";
    ApiItemConflict => "Bản ghi đã được gửi hoặc duyệt với nội dung khác; không thể thay đổi qua API.", "The entry was already submitted or reviewed with different content; the API cannot change it.";
    ApiItemText => "Số văn bản tối đa 128 ký tự, ghi chú tối đa 2.000 ký tự.", "A document number has at most 128 characters, a note at most 2,000.";
    ApiPageTitle => "Kết nối API", "API clients";
    ApiPageIntro => "Hệ thống quản lý văn bản điều hành của cơ quan gửi nhật ký công việc và đọc điểm qua /api/v1 bằng mã truy cập. Mỗi mã chỉ chạm tới các đơn vị của cơ quan và chỉ làm được những gì các quyền của nó cho phép; mã chỉ hiện một lần.", "An agency's e-office system sends work-log entries and reads scores through /api/v1 with a token. Each token reaches its agency's units only and does only what its scopes allow; a token is shown once.";
    ApiPageDocs => "Tài liệu API", "API reference";
    ApiPageNone => "Chưa có hệ thống kết nối nào.", "No client yet.";
    ApiNewClient => "Đăng ký hệ thống kết nối", "Register a client";
    ApiClientName => "Tên hệ thống", "Client name";
    ApiClientAgency => "Cơ quan", "Agency";
    ApiClientSubmitted => "Bản ghi nhận vào ở trạng thái đã gửi (không phải bản nháp)", "Entries land submitted (not as drafts)";
    ApiClientCreate => "Đăng ký", "Register";
    ApiEntriesDraft => "Bản ghi nhận vào: bản nháp", "Entries land as drafts";
    ApiEntriesSubmitted => "Bản ghi nhận vào: đã gửi", "Entries land submitted";
    ApiNewToken => "Cấp mã truy cập", "Issue a token";
    ApiTokenName => "Tên mã", "Token name";
    ApiTokenScopes => "Quyền", "Scopes";
    ApiTokenDaysLabel => "Số ngày hiệu lực", "Days valid";
    ApiTokenIssue => "Cấp mã", "Issue";
    ApiTokenShownOnce => "Mã truy cập mới — sao chép ngay, mã sẽ không hiện lại:", "The new token — copy it now, it will not be shown again:";
    ApiTokenPrefix => "Mã", "Token";
    ApiTokenCreated => "Cấp ngày", "Issued";
    ApiTokenExpires => "Hết hạn", "Expires";
    ApiTokenLastUsed => "Dùng lần cuối", "Last used";
    ApiTokenNever => "Chưa dùng", "Never";
    ApiTokenState => "Trạng thái", "State";
    ApiTokenActive => "Đang dùng", "Active";
    ApiTokenRevoked => "Đã thu hồi", "Revoked";
    ApiTokenExpired => "Hết hạn", "Expired";
    ApiTokenRevoke => "Thu hồi", "Revoke";
    ApiTokensNone => "Chưa cấp mã nào.", "No token issued.";
    NotifyNav => "Thông báo", "Notifications";
    NotifyUnreadLabel => "thông báo chưa đọc", "unread notifications";
    NotifyTitle => "Thông báo", "Notifications";
    NotifyIntro => "Những việc cần bạn biết hoặc cần bạn làm: mục nhật ký bị trả lại, kiến nghị đã được trả lời, kỳ đã công bố, hàng chờ duyệt quá hạn, hạn chốt sắp đến.", "What you need to know or do: entries returned, appeals answered, periods published, review queues waiting, deadlines coming.";
    NotifyNone => "Chưa có thông báo nào.", "No notification yet.";
    NotifyUnread => "Chưa đọc", "Unread";
    NotifyOpen => "Xem", "Open";
    NotifyMarkRead => "Đánh dấu đã đọc", "Mark read";
    NotifyMarkAllRead => "Đánh dấu tất cả đã đọc", "Mark all read";
    NotifyEmailTitle => "Thư tổng hợp hằng ngày", "Daily e-mail digest";
    NotifyEmailIntro => "Mỗi ngày một thư liệt kê các thông báo chưa đọc (chỉ khi có thông báo mới). Để trống địa chỉ để tắt.", "Once a day, one message listing your unread notifications (only when there is something new). Leave the address empty to turn it off.";
    NotifyEmailDisabled => "Hệ thống chưa được cấu hình gửi thư điện tử: địa chỉ được lưu và thư sẽ được gửi khi quản trị viên bật chức năng này.", "This server does not send e-mail yet: the address is kept and the digest starts once an administrator turns e-mail on.";
    NotifyEmailLabel => "Địa chỉ thư điện tử", "E-mail address";
    NotifyEmailSave => "Lưu", "Save";
    NotifyEmailSaved => "Đã lưu.", "Saved.";
    NotifyEmailBad => "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@sonoivu.khanhhoa.gov.vn).", "Not a valid e-mail address (for example name@sonoivu.khanhhoa.gov.vn).";
    AdminHomeTitle => "Quản trị", "Administration";
    AdminHomeIntro => "Những việc còn thiếu để chấm điểm được cả tỉnh, những gì đang chờ quyết định, và tình trạng các tác vụ chạy nền.", "What is still missing for the whole province to be scored, what waits for a decision, and how the background work is going.";
    AdminHomeChecklist => "Danh mục kiểm tra", "Setup checklist";
    AdminHomeDone => "Đã xong", "Done";
    AdminHomeToDo => "Cần xử lý", "To do";
    AdminHomeMore => "và còn nữa", "and more";
    CheckPositionsWithoutJd => "Vị trí việc làm chưa có bản mô tả công việc được phê duyệt", "Positions without an approved job description";
    CheckPositionsWithoutJdHint => "Công chức ở các vị trí này chưa thể được chấm điểm: soạn và trình duyệt bản mô tả công việc cùng danh mục nhiệm vụ.", "Their officers cannot be scored: write the job description and task catalog and submit it.";
    CheckOfficersWithoutPosition => "Công chức chưa được gán vị trí việc làm", "Officers without a position";
    CheckOfficersWithoutPositionHint => "Gán vị trí trong trang người dùng, hoặc nạp lại danh sách nhân sự.", "Give them a position on the user page, or load the staff list again.";
    CheckUnitsWithoutHead => "Đơn vị có công chức nhưng chưa có người duyệt", "Units with officers and no head";
    CheckUnitsWithoutHeadHint => "Không ai duyệt được nhật ký của các đơn vị này: giao vai trò người duyệt cho lãnh đạo đơn vị hoặc đơn vị cấp trên.", "Nobody can review these units' logs: give the reviewer role to the head of the unit or of a unit above.";
    CheckJdWaiting => "Bản mô tả công việc chờ phê duyệt", "Job descriptions waiting for approval";
    CheckJdWaitingHint => "Một quản trị viên khác phê duyệt hoặc trả lại.", "Another administrator approves or returns them.";
    CheckFormulasWaiting => "Phiên bản công thức chờ Ban Chỉ đạo", "Formula versions waiting for the committee";
    CheckFormulasWaitingHint => "Ban Chỉ đạo chạy thử, phê duyệt và áp dụng.", "The committee simulates, approves and activates them.";
    CheckJobsRunning => "Tác vụ nền đang chờ hoặc đang chạy", "Background jobs queued or running";
    CheckJobsRunningHint => "Chấm điểm và chạy thử đang được xử lý; không cần làm gì.", "Scoring runs and simulations in progress; nothing to do.";
    CheckJobsFailed => "Tác vụ nền lỗi trong 7 ngày qua", "Background jobs failed in the last 7 days";
    CheckJobsFailedHint => "Đọc lỗi, sửa nguyên nhân rồi chạy lại.", "Read the error, fix its cause, run it again.";
    DashTitle => "Tổng quan tỉnh", "The province at a glance";
    DashIntro => "Kết quả chấm điểm của kỳ theo từng cơ quan: phân bố xếp loại, số người đã và chưa có kết quả, giờ chuẩn khai báo so với 8 giờ mỗi ngày, công thức đã dùng và các quyết định đang chờ. Chọn một cơ quan để xem từng đơn vị và cán bộ.", "The period's results by agency: grade distribution, who has and has not been scored, standard hours logged against 8 hours a day, the formulas used and the decisions waiting. Choose an agency to see its units and officers.";
    DashPeriod => "Kỳ đánh giá (ví dụ 2026-10, 2026-Q4, 2026)", "Period (e.g. 2026-10, 2026-Q4, 2026)";
    DashShow => "Xem", "Show";
    DashProvince => "Toàn tỉnh", "Whole province";
    DashBack => "← Toàn tỉnh", "← Whole province";
    DashAgency => "Cơ quan", "Agency";
    DashUnit => "Đơn vị", "Unit";
    DashUnassigned => "Chưa thuộc đơn vị", "In no unit";
    DashHeadcount => "Số cán bộ", "Officers";
    DashScored => "Đã chấm điểm", "Scored";
    DashNotScored => "Không chấm được", "Not scored";
    DashWithoutScore => "Chưa có kết quả", "No result yet";
    DashAverage => "Điểm bình quân", "Average score";
    DashHoursPerDay => "Giờ chuẩn/người/ngày", "Standard hours per officer per day";
    DashOverNorm => "Số người bình quân trên 8 giờ/ngày", "Officers averaging over 8 h a day";
    DashDaysOverNorm => "Số ngày khai trên 8 giờ", "Days logged over 8 h";
    DashClosing => "Chốt kỳ", "Closing";
    DashClosed => "Đã chốt", "Closed";
    DashOpen => "Chưa chốt", "Open";
    DashLate => "Trễ hạn", "Late";
    DashFlag => "Cần xem lại", "Look again";
    DashInflated => "Giờ khai cao bất thường", "Unusually high hours";
    DashGradesTitle => "Phân bố xếp loại", "Grade distribution";
    DashTrendTitle => "Xu hướng xếp loại theo tháng", "Grades month by month";
    DashTableAlt => "Bảng số liệu của biểu đồ", "The chart's figures as a table";
    DashInflationTitle => "Giờ chuẩn khai báo (phát hiện khai khống)", "Standard hours logged (spotting inflated logs)";
    DashInflationHint => "Giờ chuẩn = khối lượng hoàn thành × định mức × hệ số. Được đánh dấu khi bình quân mỗi người mỗi ngày làm việc trên 8 giờ, hoặc từ 20 % số người có bình quân trên 8 giờ.", "Standard hours = quantity completed × norm × coefficient. Flagged when the average per officer per working day is over 8 hours, or when 20 % or more of the officers average over 8 hours.";
    DashFormulasTitle => "Công thức đã chấm kỳ này", "Formulas that scored this period";
    DashFormulaOfficers => "Số người", "Officers";
    DashEffectiveFrom => "Áp dụng từ", "In force from";
    DashPendingTitle => "Đang chờ quyết định", "Waiting for a decision";
    DashNothingPending => "Không có gì đang chờ.", "Nothing is waiting.";
    DashOfficersTitle => "Cán bộ khai nhiều giờ chuẩn nhất", "Officers with the most standard hours";
    DashOfficersHint => "Mở một cán bộ để xem từng mục nhật ký và dòng công thức đã tính.", "Open an officer to see each entry and the formula lines that used it.";
    DashOutliersTitle => "Khối lượng vượt xa trung vị của vị trí", "Quantities far above the position's median";
    DashOutliersHint => "Khối lượng trong kỳ trên 2 lần trung vị của những người cùng vị trí đã làm nhiệm vụ đó (ít nhất 3 người), như trang đơn vị đánh dấu.", "A period's quantity over twice the median of the officers of the same position who logged the task (at least 3 of them), as the unit page flags it.";
    DashNoOutliers => "Không có khối lượng nào vượt xa trung vị.", "No quantity far above the median.";
    DashOfficer => "Cán bộ", "Officer";
    DashTotal => "Tổng điểm", "Total";
    DashGrade => "Xếp loại", "Grade";
    DashEntries => "Số mục nhật ký", "Entries";
    DashTask => "Nhiệm vụ", "Task";
    DashQuantity => "Khối lượng", "Quantity";
    DashMedian => "Trung vị", "Median";
    DashNoData => "Kỳ này chưa có kết quả chấm điểm.", "This period has no scores yet.";
    DashReasons => "Lý do không chấm được", "Why not scored";
    DashReason => "Lý do", "Reason";
    DashCount => "Số người", "Officers";
    DashDownloadMonthly => "Tải báo cáo gửi Sở Nội vụ (Excel)", "Download the report to the Department of Home Affairs (Excel)";
    DashPrint => "In trang này", "Print this page";
    DashPeriodStatus => "Trạng thái kỳ", "Period state";
    DashNoPeriod => "Chưa chấm", "Not scored yet";
    DashWorkingDays => "Số ngày làm việc", "Working days";
    ReportSheetAgencies => "Theo cơ quan", "By agency";
    ReportSheetReasons => "Không chấm được", "Not scored";
    ReportNo => "STT", "No.";
    ReportCode => "Mã", "Code";
    ReportTotalRow => "Toàn tỉnh", "Whole province";
    ReportGenerated => "Lập lúc", "Generated";
    GlossaryTitle => "Thuật ngữ KPI", "KPI terms";
    GlossaryIntro => "Các thuật ngữ dùng trong đánh giá cán bộ, công chức theo KPI (Nghị định 335/2025/NĐ-CP và hướng dẫn của tỉnh). Các con số ghi “mặc định” là của công thức mặc định; công thức đang áp dụng cho bạn có thể khác, xem trang Điểm của tôi.", "The terms used in the KPI evaluation of civil servants (Decree 335/2025/ND-CP and the province's guidance). Figures marked “default” are the default formula's; the formula in force for you may differ: see My score.";
    GlossaryIndex => "Mục lục thuật ngữ", "Index of terms";
    HelpWhat => "Giải thích", "Explain";
    HelpMore => "Xem thêm", "More";
    ReportSheetPositions => "Theo vị trí việc làm", "By position";
    ReportSheetOfficers => "Danh sách", "List";
    ReportPosition => "Vị trí việc làm", "Position";
    ReportNoPosition => "Chưa gắn vị trí việc làm", "No position";
    ReportFullName => "Họ và tên", "Full name";
    ListNav => "Danh sách xếp loại", "Classification lists";
    ListTitle => "Danh sách xếp loại theo cơ quan", "Classification list by agency";
    ListIntro => "Kết quả của từng cán bộ, công chức trong cơ quan cho một kỳ (mặc định: năm gần nhất đã chấm), để cơ quan ký và gửi Sở Nội vụ. Nhập kỳ dạng 2026, 2026-Q3 hoặc 2026-10.", "Each officer's result in the agency for a period (by default the latest year scored), for the agency to sign and send to the Department of Home Affairs. Enter the period as 2026, 2026-Q3 or 2026-10.";
    ListPeriod => "Kỳ", "Period";
    ListShow => "Xem", "Show";
    ListDownload => "Tải danh sách (Excel)", "Download the list (Excel)";
    ListNone => "Cơ quan chưa có kết quả trong kỳ này.", "The agency has no results for this period.";
    ListSummary => "Tổng hợp theo xếp loại", "By grade";
    ListShare => "Tỷ lệ", "Share";
    ListCapOk => "Số người xếp loại HTXSNV không vượt quá 20 % số người xếp loại HTTNV.", "Officers graded HTXSNV are at most 20 % of those graded HTTNV.";
    ListCapOver => "Số người xếp loại HTXSNV vượt quá 20 % số người xếp loại HTTNV của cả cơ quan (giới hạn áp dụng theo từng nhóm vị trí khi chấm) — đề nghị rà soát.", "Officers graded HTXSNV exceed 20 % of those graded HTTNV across the agency (the cap applies per group of positions when scoring) — please review.";
    ListPositions => "Kết quả theo vị trí việc làm", "Results by position";
    ListOpenSheet => "Phiếu", "Sheet";
    SheetPrint => "In phiếu đánh giá", "Print the evaluation sheet";
    SheetNation => "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM";
    SheetMotto => "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness";
    SheetTitle => "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ, CÔNG CHỨC THEO KPI", "KPI EVALUATION AND CLASSIFICATION SHEET";
    SheetPeriod => "Kỳ đánh giá", "Period evaluated";
    SheetUnit => "Đơn vị công tác", "Unit";
    SheetAgency => "Cơ quan", "Agency";
    SheetRules => "Điểm theo từng quy tắc của công thức", "Points by rule of the formula";
    SheetPoints => "Điểm", "Points";
    SheetEntries => "Số mục nhật ký", "Entries";
    SheetDatePlace => "…, ngày … tháng … năm …", "…, date …";
    SheetOfficerSigns => "Người được đánh giá", "The officer evaluated";
    SheetReviewerSigns => "Thủ trưởng đơn vị (người đánh giá)", "Head of unit (evaluator)";
    SheetPreparedBy => "Người lập biểu", "Prepared by";
    SheetAgencyHead => "Thủ trưởng cơ quan", "Head of agency";
    SheetSignHint => "(Ký, ghi rõ họ tên)", "(Signature and full name)";
    SheetSignSealHint => "(Ký tên, đóng dấu)", "(Signature and seal)";
    SheetProvisional => "Kết quả tạm thời: kỳ chưa được Ban Chỉ đạo công bố.", "Provisional: the Steering Committee has not published the period.";
    SimWhy => "Vì sao?", "Why?";
    SimChangeTitle => "Vì sao kết quả thay đổi", "Why the result changes";
    SimChangeNone => "Không quy tắc nào thay đổi điểm.", "No rule changes the points.";
    SimChangeRule => "Quy tắc", "Rule";
    SimChangeLine => "Dòng công thức (đang áp dụng → dự thảo)", "Script line (in force → draft)";
    SimChangeEntries => "Các mục nhật ký thay đổi điểm nhiều nhất", "The entries whose points change most";
    SimChangeDate => "Ngày", "Date";
    SimChangeTask => "Nhiệm vụ", "Task";
    PrivacyTitle => "Quyền riêng tư và dữ liệu cá nhân", "Privacy and personal data";
    PrivacyIntro => "Rubric xử lý dữ liệu cá nhân của cán bộ, công chức để đánh giá, xếp loại theo KPI (Nghị định 335/2025/NĐ-CP), theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân. Cơ quan quản lý hệ thống của tỉnh là bên kiểm soát dữ liệu.", "Rubric processes civil servants' personal data to evaluate and grade them by KPI (Decree 335/2025/ND-CP), under Decree 13/2023/ND-CP on personal data protection. The province's agency that runs the system is the data controller.";
    PrivacyHeldTitle => "Dữ liệu được lưu", "What is held";
    PrivacyHeld => "Tài khoản (tên đăng nhập, họ tên, đơn vị, vị trí việc làm, vai trò; mật khẩu chỉ lưu dưới dạng băm), nhật ký công việc và kết quả xét duyệt, điểm tiêu chí chung, điểm và xếp loại từng kỳ kèm diễn giải, kiến nghị, thông báo, ủy quyền, và nhật ký kiểm toán về các thay đổi.", "Your account (user name, full name, unit, job position, roles; the password only as a hash), your work-log entries and their review, general-criteria points, each period's score and grade with its explanation, appeals, notifications, delegations, and the audit trail of changes.";
    PrivacyWhoTitle => "Ai được xem", "Who sees it";
    PrivacyWho => "Bạn; thủ trưởng đơn vị và người được ủy quyền xét duyệt (đơn vị mình phụ trách); Ban Chỉ đạo và thanh tra (để giám sát, kiểm tra); quản trị viên hệ thống (để vận hành). Hệ thống văn phòng điện tử chỉ gửi vào và đọc qua khóa kết nối được cấp cho đúng cơ quan.", "You; your head of unit and whoever they delegate review to (for the units they head); the Steering Committee and inspectors (oversight); the system's administrators (operation). The e-office system only sends and reads through a key issued to its own agency.";
    PrivacyKeepTitle => "Thời hạn lưu", "How long it is kept";
    PrivacyKeep => "Điểm, xếp loại và nhật ký kiểm toán được lưu theo quy định về hồ sơ đánh giá cán bộ; phiên đăng nhập hết hạn sau 30 phút không dùng (tối đa 12 giờ); lần đăng nhập sai được xóa sau một ngày.", "Scores, grades and the audit trail are kept as the rules on evaluation records require; a sign-in session ends after 30 idle minutes (12 hours at most); failed sign-ins are deleted after a day.";
    PrivacyRightsTitle => "Quyền của bạn", "Your rights";
    PrivacyRights => "Bạn được biết và tải về toàn bộ dữ liệu hệ thống lưu về mình; đề nghị sửa dữ liệu sai (nhật ký: qua thủ trưởng đơn vị; điểm: bằng kiến nghị trên trang Điểm của tôi; tài khoản: qua quản trị viên).", "You may know and download all the data the system holds about you, and ask for wrong data to be corrected (entries: through your head of unit; scores: by an appeal on My score; your account: through an administrator).";
    PrivacyDownload => "Tải về toàn bộ dữ liệu của tôi (JSON)", "Download all my data (JSON)";
    PrivacyDownloadHint => "Đăng nhập để tải về dữ liệu của bạn.", "Sign in to download your data.";
    PrivacyLink => "Quyền riêng tư", "Privacy";
}
