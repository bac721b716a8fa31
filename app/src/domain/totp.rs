//! Two-step login: time-based one-time codes (RFC 6238 over RFC 4226's HOTP) as every
//! authenticator app makes them (HMAC-SHA-1, 30-second steps, six digits), and recovery
//! codes for a lost phone. Pure: the caller brings the time and the randomness.

use hmac::{Hmac, KeyInit as _, Mac as _};

/// Seconds a code lasts.
pub const STEP: i64 = 30;
/// Digits of a code.
pub const DIGITS: u32 = 6;
/// Bytes of a secret (160 bits, RFC 4226's recommendation for SHA-1).
pub const SECRET_LEN: usize = 20;
/// Recovery codes given at once; each works once.
pub const RECOVERY_CODES: usize = 10;
/// Characters of a recovery code (base32: 50 bits each).
const RECOVERY_LEN: usize = 10;

/// RFC 4226's HOTP value of `counter` under `key`, `digits` long.
pub fn hotp(key: &[u8], counter: u64, digits: u32) -> u32 {
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(key) else { return u32::MAX };
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    // Dynamic truncation: the low nibble of the last byte picks four bytes.
    let at = usize::from(h[h.len() - 1] & 0x0f);
    let bin = u32::from_be_bytes([h[at] & 0x7f, h[at + 1], h[at + 2], h[at + 3]]);
    bin % 10u32.pow(digits)
}

/// The step a moment falls in.
pub fn step_of(unix: i64) -> i64 {
    unix.div_euclid(STEP)
}

/// The six-digit code for `step`, zero-padded as apps show it.
pub fn code_for_step(key: &[u8], step: i64) -> String {
    let counter = u64::try_from(step).unwrap_or(0);
    format!("{:0width$}", hotp(key, counter, DIGITS), width = DIGITS as usize)
}

/// A typed code as digits: spaces (apps show "123 456") and a dash are let through,
/// anything else is not a code.
pub fn parse_code(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).collect();
    (digits.len() == DIGITS as usize && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Checks `code` (already parsed) against the step of `now` and one step either side (a
/// phone's clock a little off, a code typed as it turned). A step at or before `last_step`
/// (a code already used) is never accepted again. Returns the step matched.
pub fn verify(key: &[u8], code: &str, now: i64, last_step: Option<i64>) -> Option<i64> {
    let current = step_of(now);
    let mut matched = None;
    for step in [current - 1, current, current + 1] {
        // Every candidate is computed and compared, whatever the first one said.
        if constant_eq(code_for_step(key, step).as_bytes(), code.as_bytes()) && last_step.is_none_or(|last| step > last) {
            matched = Some(step);
        }
    }
    matched
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A secret as apps take it typed in: base32 without padding.
pub fn encode_secret(key: &[u8]) -> String {
    data_encoding::BASE32_NOPAD.encode(key)
}

/// The secret from its base32 text (as stored).
pub fn decode_secret(text: &str) -> Option<Vec<u8>> {
    data_encoding::BASE32_NOPAD.decode(text.as_bytes()).ok().filter(|k| k.len() == SECRET_LEN)
}

/// The secret grouped by four for reading aloud or typing: `ABCD EFGH …`.
pub fn grouped(secret_text: &str) -> String {
    secret_text.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The `otpauth://` link a QR code carries (Google's key-URI format, which every app reads).
pub fn otpauth_uri(issuer: &str, account: &str, secret_text: &str) -> String {
    let label = format!("{}:{}", enc(issuer), enc(account));
    format!("otpauth://totp/{label}?secret={secret_text}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP}", enc(issuer))
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A recovery code from 10 random bytes' worth of base32 (lower case), shown as
/// `abcde-fghij`.
pub fn recovery_code(random: &[u8; 7]) -> String {
    let text = data_encoding::BASE32_NOPAD.encode(random).to_ascii_lowercase();
    let text = &text[..RECOVERY_LEN];
    format!("{}-{}", &text[..5], &text[5..])
}

/// A typed recovery code as stored: lower case, without spaces and dashes; `None` when it
/// cannot be one.
pub fn normalize_recovery(typed: &str) -> Option<String> {
    let text: String = typed.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).flat_map(char::to_lowercase).collect();
    (text.len() == RECOVERY_LEN && text.bytes().all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b))).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 seed and its eight-digit values.
    const SEED: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc_6238_test_vectors_for_sha1() {
        for (time, expected) in [
            (59_i64, 94_287_082_u32),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ] {
            let counter = u64::try_from(step_of(time)).unwrap();
            assert_eq!(hotp(SEED, counter, 8), expected, "T = {time}");
        }
        // Six digits are the last six of the same value.
        assert_eq!(code_for_step(SEED, step_of(59)), "287082");
        assert_eq!(code_for_step(SEED, step_of(1_111_111_109)), "081804");
    }

    #[test]
    fn rfc_4226_hotp_values() {
        let expected = [755_224, 287_082, 359_152, 969_429, 338_314, 254_676, 287_922, 162_583, 399_871, 520_489];
        for (counter, value) in expected.iter().enumerate() {
            assert_eq!(hotp(SEED, counter as u64, 6), *value, "counter {counter}");
        }
    }

    #[test]
    fn a_code_is_good_for_its_step_and_one_either_side_and_only_once() {
        let now = 1_111_111_111;
        let code = code_for_step(SEED, step_of(now));
        assert_eq!(verify(SEED, &code, now, None), Some(step_of(now)));
        assert_eq!(verify(SEED, &code, now + STEP, None), Some(step_of(now)), "a step late");
        assert_eq!(verify(SEED, &code, now - STEP, None), Some(step_of(now)), "a step early");
        assert_eq!(verify(SEED, &code, now + 2 * STEP, None), None, "two steps late");
        assert_eq!(verify(SEED, &code, now, Some(step_of(now))), None, "used");
        assert_eq!(verify(SEED, &code, now, Some(step_of(now) - 1)), Some(step_of(now)));
        assert_eq!(verify(SEED, "000000", now, None), None);
    }

    #[test]
    fn typed_codes_and_recovery_codes_are_read_forgivingly_and_nothing_else() {
        assert_eq!(parse_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(parse_code("123-456").as_deref(), Some("123456"));
        for bad in ["12345", "1234567", "12345a", "１２３４５６", ""] {
            assert_eq!(parse_code(bad), None, "{bad:?}");
        }
        let code = recovery_code(&[0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03]);
        assert_eq!(code, "32w35-3ybai");
        assert_eq!(normalize_recovery(" 32W35 3YBAI ").as_deref(), Some("32w353ybai"));
        assert_eq!(normalize_recovery("32w35-3ybai1"), None);
        assert_eq!(normalize_recovery("32w35-3yba0"), None, "0 is not base32");
    }

    #[test]
    fn secrets_travel_as_base32_and_in_a_key_uri() {
        let text = encode_secret(SEED);
        assert_eq!(text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(decode_secret(&text).as_deref(), Some(SEED));
        assert_eq!(decode_secret("GEZDGNBV"), None, "too short");
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
        assert_eq!(
            otpauth_uri("Baiqau", "Әсел@lib.kz", &text),
            "otpauth://totp/Baiqau:%D3%98%D1%81%D0%B5%D0%BB@lib.kz?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Baiqau&algorithm=SHA1&digits=6&period=30"
        );
    }
}
