//! Password hashing (argon2id, off the async workers) and the password policy.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};

use crate::error::AppError;
use crate::i18n::Msg;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

const COMMON: &str = include_str!("common-passwords.txt");

/// An argon2id (v19, default cost) PHC string, computed on the blocking pool.
pub async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal("argon2", e))
    })
    .await
    .map_err(|e| AppError::internal("spawn_blocking", e))?
}

/// A hash of a random password: verified against when the account does not exist, so
/// that a wrong user name takes as long as a wrong password.
pub async fn decoy_hash() -> &'static str {
    static DECOY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DECOY
        .get_or_init(|| async {
            hash("rubric-decoy-password-never-valid")
                .await
                .unwrap_or_default()
        })
        .await
}

/// Whether `password` matches the stored PHC string; a malformed hash never matches.
pub async fn verify(password: &str, phc: &str) -> Result<bool, AppError> {
    let password = password.to_string();
    let phc = phc.to_string();
    tokio::task::spawn_blocking(move || match PasswordHash::new(&phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    })
    .await
    .map_err(|e| AppError::internal("spawn_blocking", e))
}

/// The reason a new password is refused, if it is.
pub fn policy_violation(username: &str, password: &str) -> Option<Msg> {
    let chars = password.chars().count();
    if chars < MIN_LENGTH {
        return Some(Msg::PasswordTooShort);
    }
    if chars > MAX_LENGTH {
        return Some(Msg::PasswordTooLong);
    }
    let lower = password.to_lowercase();
    let user = username.trim().to_lowercase();
    if user.len() >= 3 && (lower.contains(&user) || user.contains(&lower)) {
        return Some(Msg::PasswordContainsUsername);
    }
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 4 {
        return Some(Msg::PasswordCommon);
    }
    // "matkhau2025!" is as guessable as "matkhau": compare the letters-only core too.
    let core: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    let is_common = |candidate: &str| {
        !candidate.is_empty()
            && COMMON
                .lines()
                .filter(|l| !l.starts_with('#'))
                .any(|l| l.trim() == candidate)
    };
    if is_common(&lower) || (core.len() >= 3 && is_common(&core)) {
        return Some(Msg::PasswordCommon);
    }
    None
}

/// [`policy_violation`] as a form error on `field`.
pub fn check_policy(username: &str, password: &str, field: &str) -> Result<(), AppError> {
    match policy_violation(username, password) {
        Some(msg) => Err(AppError::refused(field, msg)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_refuses_short_common_and_username_passwords() {
        assert_eq!(
            policy_violation("cb.snv.01", "Ng@n9"),
            Some(Msg::PasswordTooShort)
        );
        assert_eq!(
            policy_violation("nguyenvana", "NguyenVanA2025!"),
            Some(Msg::PasswordContainsUsername)
        );
        assert_eq!(
            policy_violation("x", "Matkhau@2025"),
            Some(Msg::PasswordCommon)
        );
        assert_eq!(
            policy_violation("x", "1234567890"),
            Some(Msg::PasswordCommon)
        );
        assert_eq!(
            policy_violation("x", "aaaaaaaaaaaa"),
            Some(Msg::PasswordCommon)
        );
        assert_eq!(
            policy_violation("x", &"Ab1!".repeat(40)),
            Some(Msg::PasswordTooLong)
        );
        assert_eq!(policy_violation("cb.snv.01", "Sông Cái chảy 2 dòng"), None);
        assert_eq!(policy_violation("tp.snv.tccb", "Hoa-phuong-do-1975"), None);
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let h = hash("Hoa-phuong-do-1975").await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("Hoa-phuong-do-1975", &h).await.unwrap());
        assert!(!verify("hoa-phuong-do-1975", &h).await.unwrap());
        assert!(!verify("x", "not a hash").await.unwrap());
    }
}
