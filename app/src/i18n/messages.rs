//! Every user-facing string, Vietnamese first, English second.

macro_rules! messages {
    ($($name:ident => $vi:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    NavOfficer => "Cán bộ", "Officers";
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
    ErrNotFound => "Không tìm thấy dữ liệu.", "Not found.";
    ErrUnauthenticated => "Vui lòng đăng nhập.", "Please sign in.";
    ErrForbidden => "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this.";
    ErrConflict => "Dữ liệu đã được người khác thay đổi. Vui lòng tải lại trang và thử lại.", "Someone else changed this record. Reload the page and try again.";
    ErrInternal => "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.", "Something went wrong on the server. Please try again later.";
}
