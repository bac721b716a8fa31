//! The rules of a resumable upload's pieces (`PATCH /uploads/{id}`), apart from storage:
//! what the server does with a piece, given what it has, and where the upload stands after.
//! The server follows these decisions; `fuzz/fuzz_targets/upload_steps.rs` drives them with
//! pieces in any order, replays, cuts and lies about lengths against a model of the file.

/// The largest piece one request may carry.
pub const MAX_CHUNK: u64 = 16 * 1024 * 1024;

/// An upload as the server holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Upload {
    /// The file's announced size.
    pub size: i64,
    /// Bytes stored so far (the acknowledged offset).
    pub received: i64,
    /// It became a file already.
    pub finished: bool,
}

/// What to do with a piece, before reading its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admit {
    /// The upload is a file already: answer as the first time (a repeated last piece).
    AlreadyFinished,
    /// No offset, or not a number.
    BadOffset,
    /// The client is behind or ahead: it asks where the server stands and goes on from there.
    WrongOffset,
    /// Every byte is in and the file is not made (its finisher died): make it now.
    FinishNow,
    /// The announced length is more than may come: refused before reading.
    TooLarge,
    /// Read at most this many bytes.
    Read { limit: u64 },
}

/// Decides on a piece announced at `offset` (the `Upload-Offset` header as sent) with
/// `content_length` (if the request says).
pub fn admit(u: &Upload, offset: Option<&str>, content_length: Option<u64>) -> Admit {
    if u.finished {
        return Admit::AlreadyFinished;
    }
    let Some(offset) = offset.and_then(|v| v.trim().parse::<i64>().ok()) else { return Admit::BadOffset };
    if offset != u.received {
        return Admit::WrongOffset;
    }
    if u.received >= u.size {
        return Admit::FinishNow;
    }
    let remaining = u64::try_from(u.size - u.received).unwrap_or(0);
    let limit = remaining.min(MAX_CHUNK);
    if content_length.is_some_and(|len| len > limit) {
        return Admit::TooLarge;
    }
    Admit::Read { limit }
}

/// Where an upload stands once a piece's bytes were read (`written`, at most the limit) and
/// stored, and whether the connection was cut on the way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum After {
    /// Nothing arrived: the offset stays (an error if the connection was cut).
    Nothing { cut: bool },
    /// The piece is kept; the client goes on from `offset` (after a cut, asking first).
    Kept { offset: i64, cut: bool },
    /// The last byte is in: make the file.
    Complete { offset: i64 },
}

pub fn after(u: &Upload, written: u64, cut: bool) -> After {
    if written == 0 {
        return After::Nothing { cut };
    }
    let offset = u.received.saturating_add(i64::try_from(written).unwrap_or(i64::MAX));
    if cut || offset < u.size { After::Kept { offset, cut } } else { After::Complete { offset } }
}

#[cfg(test)]
mod tests {
    use super::*;

    const U: Upload = Upload { size: 10, received: 4, finished: false };

    #[test]
    fn a_piece_is_admitted_only_at_the_acknowledged_offset_and_within_what_remains() {
        assert_eq!(admit(&U, Some("4"), Some(6)), Admit::Read { limit: 6 });
        assert_eq!(admit(&U, Some(" 4 "), None), Admit::Read { limit: 6 });
        assert_eq!(admit(&U, Some("4"), Some(7)), Admit::TooLarge);
        assert_eq!(admit(&U, Some("0"), Some(4)), Admit::WrongOffset, "a replay of an earlier piece");
        assert_eq!(admit(&U, Some("8"), Some(2)), Admit::WrongOffset);
        assert_eq!(admit(&U, None, Some(2)), Admit::BadOffset);
        assert_eq!(admit(&U, Some("four"), Some(2)), Admit::BadOffset);
        assert_eq!(admit(&Upload { received: 10, ..U }, Some("10"), Some(0)), Admit::FinishNow);
        assert_eq!(admit(&Upload { finished: true, ..U }, Some("4"), Some(6)), Admit::AlreadyFinished);
        let big = Upload { size: 100 * 1024 * 1024, received: 0, finished: false };
        assert_eq!(admit(&big, Some("0"), None), Admit::Read { limit: MAX_CHUNK });
    }

    #[test]
    fn what_arrived_moves_the_offset_by_exactly_itself() {
        assert_eq!(after(&U, 0, false), After::Nothing { cut: false });
        assert_eq!(after(&U, 0, true), After::Nothing { cut: true });
        assert_eq!(after(&U, 3, false), After::Kept { offset: 7, cut: false });
        assert_eq!(after(&U, 3, true), After::Kept { offset: 7, cut: true });
        assert_eq!(after(&U, 6, false), After::Complete { offset: 10 });
        assert_eq!(after(&U, 6, true), After::Kept { offset: 10, cut: true }, "a cut last piece: the client asks, then finishes");
    }
}
