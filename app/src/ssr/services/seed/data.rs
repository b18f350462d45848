//! The demo province's fixed data: units, positions, task catalogs and names.

/// (code, name, kind, parent code)
pub const UNITS: &[(&str, &str, &str, Option<&str>)] = &[
    ("khh", "Tỉnh Khánh Hòa", "province", None),
    ("snv", "Sở Nội vụ", "agency", Some("khh")),
    (
        "snv/tccb",
        "Phòng Tổ chức cán bộ",
        "department",
        Some("snv"),
    ),
    ("snv/vp", "Văn phòng Sở Nội vụ", "department", Some("snv")),
    (
        "snv/cchc",
        "Phòng Cải cách hành chính",
        "department",
        Some("snv"),
    ),
    (
        "snv/ccvc",
        "Phòng Công chức, viên chức",
        "department",
        Some("snv"),
    ),
    ("stc", "Sở Tài chính", "agency", Some("khh")),
    (
        "stc/vp",
        "Văn phòng Sở Tài chính",
        "department",
        Some("stc"),
    ),
    (
        "stc/ns",
        "Phòng Quản lý ngân sách",
        "department",
        Some("stc"),
    ),
    ("stc/dt", "Phòng Đầu tư", "department", Some("stc")),
    (
        "stc/tt",
        "Thanh tra Sở Tài chính",
        "department",
        Some("stc"),
    ),
    ("xcr", "UBND xã Cam Ranh", "agency", Some("khh")),
    (
        "xcr/vp",
        "Văn phòng HĐND và UBND xã",
        "department",
        Some("xcr"),
    ),
    ("xcr/kt", "Phòng Kinh tế xã", "department", Some("xcr")),
];

/// (code, name, kind, cohort group)
pub const POSITIONS: &[(&str, &str, &str, &str)] = &[
    ("TP", "Trưởng phòng", "leader", "lanh-dao"),
    ("VT", "Văn thư", "support", "ho-tro"),
    (
        "CV-TH",
        "Chuyên viên tổng hợp",
        "professional",
        "chuyen-vien",
    ),
    (
        "CV-TCCB",
        "Chuyên viên tổ chức cán bộ",
        "professional",
        "chuyen-vien",
    ),
    (
        "CV-CCHC",
        "Chuyên viên cải cách hành chính",
        "professional",
        "chuyen-vien",
    ),
    ("KT", "Kế toán", "professional", "chuyen-vien"),
    (
        "CV-NS",
        "Chuyên viên quản lý ngân sách",
        "professional",
        "chuyen-vien",
    ),
];

/// A catalog item: (code, group, name, unit of measure, norm minutes, complexity level,
/// evidence required).
pub type Item = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    i32,
    bool,
);

/// Shared by every position (groups B and D).
pub const COMMON_ITEMS: &[Item] = &[
    (
        "B01",
        "B",
        "Tham mưu văn bản góp ý/trả lời",
        "văn bản",
        120.0,
        2,
        true,
    ),
    ("B02", "B", "Dự họp, hội nghị", "buổi", 180.0, 1, false),
    (
        "B03",
        "B",
        "Báo cáo định kỳ tháng",
        "báo cáo",
        360.0,
        2,
        true,
    ),
    (
        "B04",
        "B",
        "Nghiên cứu, xử lý văn bản đến được phân công",
        "văn bản",
        45.0,
        1,
        false,
    ),
    (
        "D01",
        "D",
        "Việc phát sinh được giao",
        "giờ",
        60.0,
        1,
        false,
    ),
];

pub fn position_items(position: &str) -> &'static [Item] {
    match position {
        "TP" => &[
            (
                "A01",
                "A",
                "Chỉ đạo, phân công, kiểm tra công việc của phòng",
                "ngày",
                60.0,
                2,
                false,
            ),
            (
                "A02",
                "A",
                "Duyệt văn bản trình lãnh đạo Sở",
                "văn bản",
                20.0,
                2,
                true,
            ),
            (
                "A03",
                "A",
                "Chủ trì cuộc họp chuyên môn",
                "buổi",
                120.0,
                2,
                false,
            ),
        ],
        "VT" => &[
            (
                "C05",
                "C",
                "Tiếp nhận, đăng ký, số hóa văn bản đến",
                "văn bản",
                6.0,
                1,
                false,
            ),
            ("C06", "C", "Phát hành văn bản đi", "văn bản", 9.0, 1, true),
            (
                "C07",
                "C",
                "Lập hồ sơ, nộp lưu tài liệu vào lưu trữ cơ quan",
                "hồ sơ",
                30.0,
                1,
                false,
            ),
        ],
        "CV-TH" => &[
            (
                "C01",
                "C",
                "Báo cáo tổng hợp quý/năm của Sở",
                "báo cáo",
                960.0,
                3,
                true,
            ),
            (
                "C02",
                "C",
                "Xây dựng chương trình công tác năm",
                "kế hoạch",
                720.0,
                3,
                true,
            ),
            ("C04", "C", "Lịch công tác tuần", "lịch", 90.0, 1, false),
        ],
        "CV-TCCB" => &[
            (
                "C08",
                "C",
                "Thẩm định hồ sơ nâng lương",
                "hồ sơ",
                30.0,
                2,
                true,
            ),
            (
                "C09",
                "C",
                "Tham mưu quyết định điều động, bổ nhiệm",
                "hồ sơ",
                480.0,
                3,
                true,
            ),
            (
                "C10",
                "C",
                "Cập nhật cơ sở dữ liệu cán bộ, công chức",
                "hồ sơ",
                15.0,
                1,
                false,
            ),
        ],
        "CV-CCHC" => &[
            (
                "C11",
                "C",
                "Rà soát, đơn giản hóa thủ tục hành chính",
                "thủ tục",
                240.0,
                3,
                true,
            ),
            (
                "C12",
                "C",
                "Kiểm tra công tác cải cách hành chính tại cơ sở",
                "cuộc",
                480.0,
                2,
                true,
            ),
            (
                "C13",
                "C",
                "Tổng hợp chỉ số cải cách hành chính",
                "báo cáo",
                600.0,
                3,
                true,
            ),
        ],
        "KT" => &[
            (
                "C14",
                "C",
                "Lập chứng từ thu, chi",
                "chứng từ",
                15.0,
                1,
                true,
            ),
            (
                "C15",
                "C",
                "Quyết toán kinh phí quý",
                "báo cáo",
                720.0,
                3,
                true,
            ),
            (
                "C16",
                "C",
                "Đối chiếu số dư với Kho bạc",
                "lần",
                120.0,
                2,
                false,
            ),
        ],
        "CV-NS" => &[
            (
                "C17",
                "C",
                "Thẩm tra dự toán ngân sách đơn vị",
                "hồ sơ",
                240.0,
                3,
                true,
            ),
            (
                "C18",
                "C",
                "Thẩm định quyết toán dự án hoàn thành",
                "hồ sơ",
                480.0,
                3,
                true,
            ),
            (
                "C19",
                "C",
                "Trả lời kiến nghị về ngân sách",
                "văn bản",
                120.0,
                2,
                true,
            ),
        ],
        _ => &[],
    }
}

/// Which professional positions a department staffs.
pub fn department_positions(unit: &str) -> &'static [&'static str] {
    match unit {
        "snv/tccb" | "snv/ccvc" => &["CV-TCCB"],
        "snv/cchc" => &["CV-CCHC"],
        "snv/vp" | "stc/tt" | "xcr/vp" => &["CV-TH"],
        "stc/vp" => &["CV-TH", "KT"],
        "stc/ns" | "stc/dt" => &["CV-NS"],
        "xcr/kt" => &["KT", "CV-TH"],
        _ => &["CV-TH"],
    }
}

pub const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
pub const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Đức", "Hoài", "Kim", "Xuân",
];
pub const GIVEN: &[&str] = &[
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Khánh",
    "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung", "Phong", "Phúc", "Quang", "Sơn", "Tâm",
    "Thảo", "Trang", "Trí", "Tuấn", "Vân", "Yến",
];
