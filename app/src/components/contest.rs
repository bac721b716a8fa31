//! Pieces that show contests: labels for levels, phases and file kinds, texts in three
//! languages with their fallback, local times and their zone named once, and the live
//! countdown.

use super::{t, use_lang};
use crate::api::contests::Moment;
use crate::domain::contest::{FileKind, Level, LocalText, Milestone, Phase};
use crate::i18n::Msg;
use leptos::prelude::*;

/// A text's value in `lang` exactly (empty when not given), to fill that language's input.
pub fn text_in(text: &LocalText, lang: crate::i18n::Lang) -> String {
    text.get(lang).unwrap_or_default().to_owned()
}

pub fn level_label(l: Level) -> Msg {
    match l {
        Level::School => Msg::LevelSchool,
        Level::District => Msg::LevelDistrict,
        Level::City => Msg::LevelCity,
        Level::Regional => Msg::LevelRegional,
        Level::Republican => Msg::LevelRepublican,
        Level::International => Msg::LevelInternational,
    }
}

pub fn phase_label(p: Phase) -> Msg {
    match p {
        Phase::Draft => Msg::PhaseDraft,
        Phase::Announced => Msg::PhaseAnnounced,
        Phase::Open => Msg::PhaseOpen,
        Phase::Judging => Msg::PhaseJudging,
        Phase::Results => Msg::PhaseResults,
        Phase::Archived => Msg::PhaseArchived,
    }
}

pub fn kind_label(k: FileKind) -> Msg {
    match k {
        FileKind::Image => Msg::KindImage,
        FileKind::Pdf => Msg::KindPdf,
        FileKind::Document => Msg::KindDocument,
        FileKind::Audio => Msg::KindAudio,
        FileKind::Video => Msg::KindVideo,
    }
}

/// A three-language text in the reader's language, else another (marked with its `lang`,
/// and a note unless `quiet`). Rendered as text: user input is never markup.
#[component]
pub fn Localized(
    text: LocalText,
    #[prop(default = "span")] tag: &'static str,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] quiet: bool,
) -> impl IntoView {
    let lang = use_lang();
    let Some((body, used)) = text.pick(lang).map(|(b, l)| (b.to_owned(), l)) else { return ().into_any() };
    let note = (used != lang && !quiet).then(|| view! { <span class="hint fallback-note">" ("{t(Msg::TextInOtherLanguage)}")"</span> });
    let code = used.code();
    match tag {
        "h1" => view! { <h1 class=class lang=code>{body}</h1>{note} }.into_any(),
        "h2" => view! { <h2 class=class lang=code>{body}</h2>{note} }.into_any(),
        "h3" => view! { <h3 class=class lang=code>{body}</h3>{note} }.into_any(),
        "p" => view! { <p class=class lang=code>{body}</p>{note} }.into_any(),
        "div" => view! { <div class=class lang=code>{body}</div>{note} }.into_any(),
        _ => view! { <span class=class lang=code>{body}</span>{note} }.into_any(),
    }
}

/// `31 наурыз 2026, 23:59` in the reader's language (the date alone with `day`), inside a
/// `<time>` with the UTC instant and the offset as its title. The zone is named once per page
/// by [`ZoneNote`].
#[component]
pub fn LocalTime(moment: Moment, #[prop(optional)] day: bool) -> impl IntoView {
    use crate::i18n::dates;
    let iso = crate::domain::time::format_local(moment.utc, 0).replacen(' ', "T", 1) + "Z";
    let lang = use_lang();
    let text = if day { dates::date(moment.utc, moment.offset, lang) } else { dates::date_time(moment.utc, moment.offset, lang) };
    view! { <time datetime=iso title=dates::offset_label(moment.offset)>{text}</time> }
}

/// The one zone of a list of contests' dates, with the offset of its first date, when they
/// all share it (a list that mixes zones names each contest's own).
pub fn shared_zone(items: &[crate::api::contests::ContestSummary]) -> Option<(String, i32)> {
    zone_of_all(items.iter().map(|c| (c.time_zone.as_str(), [c.opens, c.closes, c.results])))
}

/// The one zone of a list of (zone, its dates), with the offset of its first date.
pub fn zone_of_all<'a, const N: usize>(mut items: impl Iterator<Item = (&'a str, [Option<Moment>; N])> + Clone) -> Option<(String, i32)> {
    let (first, _) = items.clone().next()?;
    if items.clone().any(|(zone, _)| zone != first) {
        return None;
    }
    let offset = items.find_map(|(_, dates)| dates.into_iter().flatten().next())?.offset;
    Some((first.to_owned(), offset))
}

/// The time zone of the dates on a page, named once: `Уақыт белдеуі: Алматы (UTC+05:00)`.
#[component]
pub fn ZoneNote(zone: String, offset: i32) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="hint zone-note">{t(Msg::ZoneNote)}": "{crate::i18n::dates::zone_name(&zone, offset, lang)}</p> }
}

/// `3 d 04 h 05 min 09 s` (never negative).
pub fn format_remaining(secs: i64, lang: crate::i18n::Lang) -> String {
    let s = secs.max(0);
    let (d, h, m, sec) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60, s % 60);
    let unit = |m: Msg| m.text(lang);
    if d > 0 {
        format!("{d} {} {h:02} {} {m:02} {} {sec:02} {}", unit(Msg::DaysShort), unit(Msg::HoursShort), unit(Msg::MinutesShort), unit(Msg::SecondsShort))
    } else {
        format!("{h:02} {} {m:02} {} {sec:02} {}", unit(Msg::HoursShort), unit(Msg::MinutesShort), unit(Msg::SecondsShort))
    }
}

/// The time left to the next milestone: rendered by the server from its clock, then ticking
/// every second in the browser (anchored to the server's clock, not the phone's).
///
/// Not an island: a WASM module for a ticking number would cost a public page more than the
/// page itself (the budgets in `scripts/budget`). Its few lines of script come with the page,
/// under the page's CSP nonce, and write what [`format_remaining`] writes on the server.
#[component]
pub fn Countdown(milestone: Milestone, server_now: i64) -> impl IntoView {
    let lang = use_lang();
    let (label, target) = match milestone {
        Milestone::Opens(t) => (Msg::CountdownOpens, t),
        Milestone::Closes(t) => (Msg::CountdownCloses, t),
        Milestone::Results(t) => (Msg::CountdownResults, t),
    };
    let units = [Msg::DaysShort, Msg::HoursShort, Msg::MinutesShort, Msg::SecondsShort].map(|m| m.text(lang)).join("|");
    view! {
        <p class="countdown" role="timer" aria-live="off" data-target=target.to_string() data-now=server_now.to_string() data-units=units>
            <span class="countdown-label">{t(label)}": "</span>
            <strong class="countdown-value">{format_remaining(target - server_now, lang)}</strong>
        </p>
        <PageScript code=COUNTDOWN_JS/>
    }
}

const COUNTDOWN_JS: &str = "(() => {\
const el = document.currentScript.previousElementSibling;\
const out = el.querySelector('.countdown-value');\
const [dd, hh, mm, ss] = el.dataset.units.split('|');\
const target = Number(el.dataset.target), now = Number(el.dataset.now), start = Date.now();\
const two = (n) => String(n).padStart(2, '0');\
setInterval(() => {\
let s = Math.max(0, target - now - Math.floor((Date.now() - start) / 1000));\
const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);\
s = s % 60;\
out.textContent = (d > 0 ? d + ' ' + dd + ' ' : '') + two(h) + ' ' + hh + ' ' + two(m) + ' ' + mm + ' ' + two(s) + ' ' + ss;\
}, 1000);\
})();";

/// A few lines of script for the element just before it, inline under the response's CSP
/// nonce: what a public page needs in the browser (no WASM). Written without `<` and `&`,
/// which the page's HTML would not carry through unchanged.
#[component]
pub fn PageScript(code: &'static str) -> impl IntoView {
    debug_assert!(!code.contains('<') && !code.contains('&'));
    let nonce = leptos::nonce::use_nonce();
    view! { <script nonce=nonce>{code}</script> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn remaining_time_formats() {
        assert_eq!(format_remaining(3 * 86_400 + 4 * 3600 + 5 * 60 + 9, Lang::En), "3 d 04 h 05 min 09 s");
        assert_eq!(format_remaining(59, Lang::Ru), "00 ч 00 мин 59 сек");
        assert_eq!(format_remaining(-5, Lang::Kk), "00 сағ 00 мин 00 сек");
    }
}
