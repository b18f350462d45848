//! Text helpers shared by the browser and the server.

/// Lower-cases and strips Vietnamese diacritics, so that "bao cao" finds "Báo cáo" and
/// "dang ky" finds "Đăng ký".
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => {
                'e'
            }
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => {
                'u'
            }
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' => 'd',
            other => other,
        })
        .collect()
}

/// Whether every word of `query` occurs in `text`, ignoring case and diacritics.
pub fn matches(text: &str, query: &str) -> bool {
    let text = fold(text);
    fold(query)
        .split_whitespace()
        .all(|word| text.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_and_case_are_ignored() {
        assert_eq!(fold("Báo cáo định kỳ THÁNG"), "bao cao dinh ky thang");
        assert_eq!(
            fold("Đăng ký, số hóa văn bản đến"),
            "dang ky, so hoa van ban den"
        );
        assert!(matches("B03 Báo cáo định kỳ tháng", "bao cao"));
        assert!(matches("B03 Báo cáo định kỳ tháng", "b03"));
        assert!(matches("Tiếp nhận, đăng ký văn bản đến", "dang ky den"));
        assert!(!matches("Dự họp, hội nghị", "bao cao"));
        assert!(matches("anything", "  "));
    }
}
