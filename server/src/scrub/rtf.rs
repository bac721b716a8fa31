//! RTF documents without their information group (author, operator, company, title…), the
//! authors of annotations and the table of revision authors. The text is not touched.

/// Destinations emptied, each a group opened by this control word.
const DROPPED: [&[u8]; 4] = [b"\\info", b"\\*\\atnauthor", b"\\*\\atnid", b"\\*\\revtbl"];

/// Where the group opened at `open` (a `{`) closes, one past its `}`; None when it never does.
fn group_end(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            // An escaped brace or backslash is text.
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The control word at `at` (after a `{`, spaces allowed) among [`DROPPED`], whole (the next
/// byte is not a letter).
fn dropped_at(b: &[u8], at: usize) -> Option<&'static [u8]> {
    let rest = b.get(at..)?;
    let rest = &rest[rest.iter().take_while(|c| c.is_ascii_whitespace()).count()..];
    DROPPED.into_iter().find(|w| rest.starts_with(w) && !rest.get(w.len()).is_some_and(u8::is_ascii_alphabetic))
}

/// The RTF with those groups emptied (`{\info}`; the revision table keeps one anonymous
/// author so that revision marks still point somewhere).
pub fn clean(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            out.extend_from_slice(&b[i..(i + 2).min(b.len())]);
            i += 2;
            continue;
        }
        if b[i] == b'{'
            && let Some(word) = dropped_at(b, i + 1)
            && let Some(end) = group_end(b, i)
        {
            out.push(b'{');
            out.extend_from_slice(word);
            if word == b"\\*\\revtbl" {
                out.extend_from_slice(b"{Unknown;}");
            }
            out.push(b'}');
            i = end;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}
