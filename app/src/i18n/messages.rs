//! Every user-facing string, Vietnamese first, English second.

macro_rules! messages {
    ($($name:ident => $vi:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum Msg { $($name),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];

            /// (Vietnamese, English)
            pub fn text(self) -> (&'static str, &'static str) {
                match self { $(Msg::$name => ($vi, $en)),* }
            }
        }
    };
}

messages! {
    AppName => "Rubric", "Rubric";
    AppTagline => "Đánh giá, xếp loại cán bộ, công chức theo KPI", "KPI-based evaluation of civil servants";
    PageTitleHome => "Rubric — Đánh giá theo KPI", "Rubric — KPI evaluation";
    NavHome => "Trang chủ", "Home";
    NavOfficer => "Nhật ký công việc", "Work diary";
    NavAdmin => "Quản trị", "Administration";
    NavCommittee => "Ban Chỉ đạo", "Steering Committee";
    SwitchLanguage => "English", "Tiếng Việt";
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
    UnderConstruction => "Chức năng này đang được xây dựng.", "This feature is being built.";
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
    PeriodOpen => "Đang mở", "Open";
    PeriodScored => "Đã chấm điểm", "Scored";
    PeriodApproved => "Đã phê duyệt", "Approved";
    PeriodPublished => "Đã công bố", "Published";
    NavReviewer => "Duyệt nhật ký", "Review";
    NavUsers => "Người dùng", "Users";
    NavAuditor => "Thanh tra", "Audit";
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
    PasswordMismatch => "Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ.";
    PasswordUnchanged => "Mật khẩu mới phải khác mật khẩu hiện tại.", "The new password must differ from the current one.";
    UsersTitle => "Quản lý người dùng", "User administration";
    UsersSearch => "Tìm theo tên đăng nhập hoặc họ tên", "Search by user name or full name";
    UsersSearchButton => "Tìm", "Search";
    UsersNew => "Thêm người dùng", "Add a user";
    UsersCount => "người dùng", "users";
    UsersEmpty => "Không có người dùng phù hợp.", "No matching users.";
    UsersPrev => "Trang trước", "Previous page";
    UsersNext => "Trang sau", "Next page";
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
    ErrPasswordChangeRequired => "Bạn cần đổi mật khẩu trước khi tiếp tục.", "Change your password before you go on.";
    ErrNotFound => "Không tìm thấy dữ liệu.", "Not found.";
    ErrUnauthenticated => "Vui lòng đăng nhập.", "Please sign in.";
    ErrForbidden => "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this.";
    ErrConflict => "Dữ liệu đã được người khác thay đổi. Vui lòng tải lại trang và thử lại.", "Someone else changed this record. Reload the page and try again.";
    ErrInternal => "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.", "Something went wrong on the server. Please try again later.";
}
