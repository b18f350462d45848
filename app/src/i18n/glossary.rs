//! The glossary of the KPI terms (Decree 335/2025 and the province's guidance), in both
//! languages: the page /thuat-ngu lists every term, and the help beside a form field shows
//! the term's short explanation with a link to its entry. Numbers that the formula sets
//! (weights, penalties, thresholds) are named as the default formula's, since the
//! committee may change them.

use super::Locale;

/// One term: its anchor on the glossary page, its name, a one-sentence explanation shown
/// beside the fields that use it, and the longer text of the glossary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub id: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    pub text: &'static str,
}

/// A term in both languages.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    pub vi: Term,
    pub en: Term,
}

impl Entry {
    pub fn get(&self, locale: Locale) -> &Term {
        match locale {
            Locale::Vi => &self.vi,
            Locale::En => &self.en,
        }
    }

    /// The term's anchor on the glossary page (the same in both languages).
    pub fn id(&self) -> &'static str {
        self.vi.id
    }
}

const fn t(id: &'static str, name: &'static str, short: &'static str, text: &'static str) -> Term {
    Term {
        id,
        name,
        short,
        text,
    }
}

pub const KPI: Entry = Entry {
    vi: t(
        "kpi",
        "Đánh giá theo KPI",
        "Chấm điểm cán bộ, công chức theo kết quả công việc đo được, hằng tháng, quý và năm.",
        "Theo Nghị định 335/2025/NĐ-CP, cán bộ, công chức được theo dõi, đánh giá bằng các tiêu chí đo được: khối lượng, chất lượng và tiến độ công việc được giao, cộng với các tiêu chí chung về chính trị, đạo đức, ý thức tổ chức kỷ luật. Kết quả tháng, quý là căn cứ để xếp loại cuối năm.",
    ),
    en: t(
        "kpi",
        "KPI evaluation",
        "Officers are scored on measured work results every month, quarter and year.",
        "Under Decree 335/2025/ND-CP, officers are monitored and evaluated on measurable criteria: the quantity, quality and timeliness of the work assigned, plus general criteria on political standing, ethics and discipline. Monthly and quarterly results are the basis of the year-end classification.",
    ),
};

pub const VI_TRI_VIEC_LAM: Entry = Entry {
    vi: t(
        "vi-tri-viec-lam",
        "Vị trí việc làm",
        "Công việc gắn với chức danh và ngạch mà cán bộ đảm nhận; mỗi vị trí có bản mô tả công việc riêng.",
        "Mỗi cán bộ, công chức giữ một vị trí việc làm tại một thời điểm. Vị trí việc làm có bản mô tả công việc được phê duyệt và danh mục nhiệm vụ; công thức chấm điểm có thể riêng cho từng vị trí.",
    ),
    en: t(
        "vi-tri-viec-lam",
        "Job position",
        "The work tied to the title an officer holds; every position has its own job description.",
        "Each officer holds one job position at a time. The position has an approved job description and a task catalog; the scoring formula may be the position's own.",
    ),
};

pub const DANH_MUC: Entry = Entry {
    vi: t(
        "danh-muc",
        "Danh mục nhiệm vụ",
        "Các nhiệm vụ của vị trí, mỗi nhiệm vụ có đơn vị tính, định mức thời gian và mức độ phức tạp.",
        "Danh mục đi kèm bản mô tả công việc đã phê duyệt. Nhóm A: lãnh đạo, quản lý; nhóm B: nhiệm vụ chuyên môn chung của các cơ quan; nhóm C: nhiệm vụ đặc thù của cơ quan; nhóm D: nhiệm vụ khác được giao. Cán bộ ghi nhật ký công việc theo các nhiệm vụ này.",
    ),
    en: t(
        "danh-muc",
        "Task catalog",
        "The position's tasks, each with a unit of measure, a time norm and a complexity level.",
        "The catalog comes with the approved job description. Group A: leadership and management; B: professional work shared by all agencies; C: the agency's own work; D: other assigned work. Officers log their work against these tasks.",
    ),
};

pub const DINH_MUC: Entry = Entry {
    vi: t(
        "dinh-muc",
        "Định mức thời gian",
        "Số phút chuẩn để hoàn thành một đơn vị của nhiệm vụ (một văn bản, một hồ sơ…).",
        "Định mức do cơ quan xây dựng và được phê duyệt cùng danh mục. Nó không phải thời gian thực tế cán bộ bỏ ra, mà là thời gian chuẩn để so sánh các nhiệm vụ khác nhau với nhau.",
    ),
    en: t(
        "dinh-muc",
        "Time norm",
        "The standard minutes to complete one unit of the task (one document, one file…).",
        "The agency sets the norms and they are approved with the catalog. A norm is not the time an officer actually spent but the standard time that lets different tasks be compared.",
    ),
};

pub const HE_SO: Entry = Entry {
    vi: t(
        "he-so",
        "Mức độ phức tạp và hệ số",
        "Nhiệm vụ càng phức tạp thì hệ số càng lớn, nhân vào định mức khi quy đổi ra giờ chuẩn.",
        "Mỗi nhiệm vụ có mức độ phức tạp (1, 2, 3…), ứng với một hệ số (ví dụ mức 1 = 1,0; mức 2 = 1,2; mức 3 = 1,5). Hệ số cùng định mức quy đổi khối lượng công việc ra giờ chuẩn.",
    ),
    en: t(
        "he-so",
        "Complexity level and coefficient",
        "The more complex the task, the larger the coefficient applied to the norm.",
        "Each task has a complexity level (1, 2, 3…) with its coefficient (for example level 1 = 1.0, 2 = 1.2, 3 = 1.5). With the norm, the coefficient converts work into standard hours.",
    ),
};

pub const GIO_CHUAN: Entry = Entry {
    vi: t(
        "gio-chuan",
        "Giờ chuẩn",
        "Khối lượng công việc quy đổi: số lượng × định mức (giờ) × hệ số.",
        "Mọi mục nhật ký được quy đổi ra giờ chuẩn để các nhiệm vụ so sánh được với nhau. Một ngày làm việc có 8 giờ; ngày nào nhật ký vượt quá 8 giờ chuẩn được đánh dấu để thủ trưởng xem lại.",
    ),
    en: t(
        "gio-chuan",
        "Standard hours",
        "Work converted: quantity × norm (hours) × coefficient.",
        "Every entry is converted to standard hours so that tasks compare. A working day has 8 hours; days whose entries exceed 8 standard hours are flagged for the head to check.",
    ),
};

pub const NHAT_KY: Entry = Entry {
    vi: t(
        "nhat-ky",
        "Nhật ký công việc",
        "Cán bộ ghi hằng ngày các việc đã làm theo danh mục, nộp để thủ trưởng duyệt.",
        "Một mục nhật ký gồm ngày, nhiệm vụ, số lượng được giao và hoàn thành, hạn và ngày hoàn thành, số hiệu văn bản làm căn cứ. Mục ở trạng thái nháp, đã nộp, đã duyệt hoặc bị trả lại (kèm lý do); chỉ mục đã duyệt được tính điểm. Việc ngoài danh mục được ghi kèm mô tả và số phút đề xuất để thủ trưởng gán vào danh mục hoặc từ chối.",
    ),
    en: t(
        "nhat-ky",
        "Work log",
        "Officers record each day's work against the catalog and submit it for their head's approval.",
        "An entry has a date, a task, the quantity assigned and completed, the deadline and completion date, and the reference of the source document. Entries are draft, submitted, approved or returned (with a reason); only approved entries are scored. Off-catalog work is logged with a description and proposed minutes, which the head maps to the catalog or rejects.",
    ),
};

pub const SO_LUONG: Entry = Entry {
    vi: t(
        "so-luong",
        "Số lượng (a)",
        "Tỷ lệ giờ chuẩn đã hoàn thành trên giờ chuẩn được giao, tối đa 100 %.",
        "a = tổng giờ chuẩn hoàn thành / tổng giờ chuẩn được giao, không quá 1. Không có việc được giao trong kỳ thì kỳ đó không chấm được (không phải điểm 0).",
    ),
    en: t(
        "so-luong",
        "Quantity (a)",
        "Standard hours completed over standard hours assigned, at most 100 %.",
        "a = completed standard hours / assigned standard hours, at most 1. A period with nothing assigned is not scored (it is not a zero).",
    ),
};

pub const CHAT_LUONG: Entry = Entry {
    vi: t(
        "chat-luong",
        "Chất lượng (b) và lỗi chất lượng",
        "Số lỗi lớn thủ trưởng ghi nhận trên một mục; mỗi lỗi làm giảm phần chất lượng của mục đó.",
        "Khi duyệt, thủ trưởng ghi số lỗi chất lượng lớn của từng mục. Theo công thức mặc định, mỗi lỗi trừ 25 % giờ chuẩn của mục trong phần chất lượng; b = tổng giờ chuẩn đạt chất lượng / tổng giờ chuẩn được giao.",
    ),
    en: t(
        "chat-luong",
        "Quality (b) and quality failures",
        "The major errors the head records on an entry; each reduces the entry's quality share.",
        "When reviewing, the head records the number of major quality failures of each entry. In the default formula each failure takes 25 % of the entry's standard hours off its quality share; b = standard hours of acceptable quality / assigned standard hours.",
    ),
};

pub const TRE_HAN: Entry = Entry {
    vi: t(
        "tre-han",
        "Tiến độ (c) và trễ hạn",
        "Số lần trễ hạn của một mục; hoàn thành sau hạn được tính ít nhất một lần.",
        "Thủ trưởng ghi số lần trễ hạn của từng mục; mục hoàn thành sau hạn được tính ít nhất một lần. Theo công thức mặc định, mỗi lần trừ 25 % giờ chuẩn của mục trong phần tiến độ; c = tổng giờ chuẩn đúng hạn / tổng giờ chuẩn được giao.",
    ),
    en: t(
        "tre-han",
        "Timeliness (c) and delays",
        "How many times an entry was late; finishing after the deadline counts at least once.",
        "The head records the delays of each entry; an entry completed after its deadline counts at least one. In the default formula each delay takes 25 % of the entry's standard hours off its timeliness share; c = standard hours on time / assigned standard hours.",
    ),
};

pub const NGUYEN_NHAN_KHACH_QUAN: Entry = Entry {
    vi: t(
        "nguyen-nhan-khach-quan",
        "Nguyên nhân khách quan",
        "Khi thủ trưởng xác nhận lỗi hoặc trễ hạn do nguyên nhân khách quan, mục đó không bị trừ điểm.",
        "Ví dụ: hồ sơ đến muộn từ cơ quan khác, sự cố hệ thống. Thủ trưởng xác nhận trên từng mục; khi đã xác nhận, mục được tính đủ cả chất lượng và tiến độ.",
    ),
    en: t(
        "nguyen-nhan-khach-quan",
        "Objective cause",
        "When the head confirms a failure or delay had an objective cause, the entry loses no points.",
        "For example: files arriving late from another agency, a system outage. The head confirms it on the entry; once confirmed, the entry counts in full for quality and timeliness.",
    ),
};

pub const TIEU_CHI_CHUNG: Entry = Entry {
    vi: t(
        "tieu-chi-chung",
        "Tiêu chí chung",
        "Điểm do thủ trưởng chấm về chính trị, đạo đức, ý thức kỷ luật, tác phong (tối đa theo công thức, mặc định 30).",
        "Tiêu chí chung đánh giá chính trị tư tưởng, đạo đức, lối sống, ý thức tổ chức kỷ luật, tác phong, lề lối làm việc. Thủ trưởng nhập điểm cho từng cán bộ mỗi kỳ; mức tối đa do công thức quy định (mặc định 30 điểm; Khánh Hòa 2025: 20 điểm cộng 10 điểm cải cách hành chính, chuyển đổi số).",
    ),
    en: t(
        "tieu-chi-chung",
        "General criteria",
        "Points the head gives for political standing, ethics, discipline and conduct (maximum set by the formula, 30 by default).",
        "The general criteria assess political standing, ethics and lifestyle, discipline, manner and working style. The head enters the points for each officer every period; the formula sets the maximum (30 by default; Khánh Hòa 2025: 20 plus 10 for administrative reform and digital transformation).",
    ),
};

pub const DIEM_NHIEM_VU: Entry = Entry {
    vi: t(
        "diem-nhiem-vu",
        "Điểm kết quả thực hiện nhiệm vụ",
        "Phần điểm tính từ số lượng, chất lượng, tiến độ (mặc định tối đa 70 điểm).",
        "Theo công thức mặc định: điểm nhiệm vụ = (a + b + c) / 3 × 70, với trọng số của a, b, c là tham số Ban Chỉ đạo có thể thay đổi. Tổng điểm = tiêu chí chung + điểm nhiệm vụ, làm tròn 2 chữ số thập phân.",
    ),
    en: t(
        "diem-nhiem-vu",
        "Task score",
        "The points computed from quantity, quality and timeliness (at most 70 by default).",
        "In the default formula: task score = (a + b + c) / 3 × 70, the weights of a, b and c being parameters the committee may change. Total = general criteria + task score, rounded to 2 decimals.",
    ),
};

pub const XEP_LOAI: Entry = Entry {
    vi: t(
        "xep-loai",
        "Xếp loại",
        "HTXSNV từ 90 điểm, HTTNV từ 70, HTNV từ 50, dưới 50 là KHTNV (theo công thức mặc định).",
        "Hoàn thành xuất sắc nhiệm vụ (HTXSNV): từ 90 điểm; Hoàn thành tốt nhiệm vụ (HTTNV): từ 70 đến dưới 90; Hoàn thành nhiệm vụ (HTNV): từ 50 đến dưới 70; Không hoàn thành nhiệm vụ (KHTNV): dưới 50 điểm, hoặc bị kỷ luật từ khiển trách trở lên trong năm. Ngưỡng do công thức đang áp dụng quy định.",
    ),
    en: t(
        "xep-loai",
        "Grade",
        "HTXSNV from 90 points, HTTNV from 70, HTNV from 50, below 50 KHTNV (default formula).",
        "Excellent (HTXSNV): 90 or more; Good (HTTNV): 70 to below 90; Completed (HTNV): 50 to below 70; Not completed (KHTNV): below 50, or a reprimand or heavier discipline in the year. The formula in force sets the thresholds.",
    ),
};

pub const GIOI_HAN_20: Entry = Entry {
    vi: t(
        "gioi-han-20",
        "Giới hạn 20 % xuất sắc",
        "Trong một nhóm vị trí của cơ quan, số HTXSNV không quá 20 % số HTTNV.",
        "Sau khi chấm cả nhóm (cùng cơ quan, cùng nhóm vị trí tương tự), nếu số người đạt HTXSNV vượt 20 % số người HTTNV thì những người có điểm cao nhất giữ HTXSNV, những người còn lại chuyển sang HTTNV và phần giải thích điểm của họ ghi rõ lý do.",
    ),
    en: t(
        "gioi-han-20",
        "The 20 % cap on excellence",
        "Within a group of positions of an agency, HTXSNV may not exceed 20 % of HTTNV.",
        "Once a whole group (same agency, similar positions) is graded, if those graded HTXSNV exceed 20 % of those graded HTTNV, the highest totals keep HTXSNV and the others become HTTNV, their explanation saying why.",
    ),
};

pub const KY_DANH_GIA: Entry = Entry {
    vi: t(
        "ky-danh-gia",
        "Kỳ đánh giá",
        "Tháng, quý hoặc năm; kết quả năm lấy từ trung bình các tháng đã chấm.",
        "Kết quả tháng được thủ trưởng duyệt, giám đốc chốt theo cơ quan, Ban Chỉ đạo công bố. Xếp loại năm thực hiện trước ngày 15/12 từ trung bình kết quả các tháng, quý; cán bộ nghỉ có lý do chính đáng được xếp loại theo các tháng thực tế làm việc.",
    ),
    en: t(
        "ky-danh-gia",
        "Period",
        "A month, quarter or year; the year's result comes from the average of the months scored.",
        "A month's results are approved by heads, closed by agency directors and published by the Steering Committee. The year classification is done before 15 December from the average of the monthly and quarterly results; officers absent for a legitimate reason are classified on the months they worked.",
    ),
};

pub const KHIEU_NAI: Entry = Entry {
    vi: t(
        "khieu-nai",
        "Đề nghị xem xét lại",
        "Cán bộ có thể đề nghị xem xét lại kết quả trong thời hạn; thủ trưởng trả lời, điểm được chấm lại nếu chấp nhận.",
        "Từ trang điểm của mình, cán bộ gửi đề nghị kèm lý do. Thủ trưởng chấp nhận (có thể sửa lỗi chất lượng, trễ hạn của mục liên quan) hoặc không chấp nhận, kèm trả lời; mỗi lần chấm lại tạo một phiên bản điểm mới, các phiên bản cũ vẫn được lưu.",
    ),
    en: t(
        "khieu-nai",
        "Appeal",
        "Officers may ask for their result to be reviewed in time; the head answers and re-scores if accepted.",
        "From their score page officers send an appeal with a reason. The head accepts it (and may correct the quality failures or delays of the entries concerned) or rejects it, with an answer; each re-score makes a new score version and earlier versions are kept.",
    ),
};

/// Every term, in the glossary's order.
const ALL: &[&Entry] = &[
    &KPI,
    &VI_TRI_VIEC_LAM,
    &DANH_MUC,
    &DINH_MUC,
    &HE_SO,
    &GIO_CHUAN,
    &NHAT_KY,
    &SO_LUONG,
    &CHAT_LUONG,
    &TRE_HAN,
    &NGUYEN_NHAN_KHACH_QUAN,
    &TIEU_CHI_CHUNG,
    &DIEM_NHIEM_VU,
    &XEP_LOAI,
    &GIOI_HAN_20,
    &KY_DANH_GIA,
    &KHIEU_NAI,
];

/// The terms the forms' help points to ([`crate::components::help::HelpTip`]). Each is a
/// constant of its own, so that a page's code holds the terms its help names, not the whole
/// glossary (the diary's help held all of it, 13,5 KB, in the browser's main wasm).
pub mod ids {
    use super::Entry;
    pub const NORM: &Entry = &super::DINH_MUC;
    pub const COEFFICIENT: &Entry = &super::HE_SO;
    pub const STANDARD_HOURS: &Entry = &super::GIO_CHUAN;
    pub const QUALITY: &Entry = &super::CHAT_LUONG;
    pub const DELAYS: &Entry = &super::TRE_HAN;
    pub const OBJECTIVE_CAUSE: &Entry = &super::NGUYEN_NHAN_KHACH_QUAN;
    pub const GENERAL: &Entry = &super::TIEU_CHI_CHUNG;
    pub const GRADE: &Entry = &super::XEP_LOAI;
    pub const CAP: &Entry = &super::GIOI_HAN_20;
    #[cfg(test)]
    pub const ALL: [&Entry; 9] = [
        NORM,
        COEFFICIENT,
        STANDARD_HOURS,
        QUALITY,
        DELAYS,
        OBJECTIVE_CAUSE,
        GENERAL,
        GRADE,
        CAP,
    ];
}

/// Every term, in the glossary's order.
pub fn terms(locale: Locale) -> impl Iterator<Item = &'static Term> + Clone {
    ALL.iter().map(move |e| e.get(locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_terms_with_unique_anchors() {
        let mut sorted = Vec::new();
        for e in ALL {
            assert_eq!(e.vi.id, e.en.id, "one anchor in both languages");
            sorted.push(e.vi.id);
        }
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ALL.len(), "unique anchors");
        for t in Locale::ALL.into_iter().flat_map(terms) {
            assert!(
                t.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}: an anchor is lowercase ASCII",
                t.id
            );
            assert!(!t.name.is_empty() && !t.short.is_empty() && !t.text.is_empty());
            assert!(
                t.short.len() < t.text.len() + 40,
                "{}: short is short",
                t.id
            );
        }
    }

    #[test]
    fn the_fields_help_names_terms_of_the_glossary() {
        for help in ids::ALL {
            for locale in Locale::ALL {
                let t = help.get(locale);
                assert!(
                    terms(locale).any(|g| g == t),
                    "{} is not in the glossary",
                    t.id
                );
            }
        }
    }
}
