//! Server functions that take a whole form (`#[server(flatten)]`), decoded exactly as the
//! server decodes them (serde_qs, depth 5, not strict, as leptos' `PostUrl` does):
//! - decoding any body never panics, and every such function has its field list in
//!   `strict::registry`;
//! - what the router lets through (no field outside that list) and decodes, encoded again,
//!   decodes to itself.
//! A body with a key outside the list is refused before decoding. serde_qs reads keys its own
//! way (`[\x02\x18id` is `id` to it, an unknown key to the router: a finding of this target),
//! so the two may disagree only on the side of refusing.
#![no_main]

use app::api::{contest_editor as ed, contests, entries, judging};
use app::endpoints::{registry, unknown_keys};
use leptos::server_fn::ServerFn;
use libfuzzer_sys::fuzz_target;
use serde::{Serialize, de::DeserializeOwned};
use std::sync::LazyLock;

static FIELDS: LazyLock<Vec<(&'static str, &'static [&'static str])>> = LazyLock::new(registry);

fn qs() -> serde_qs::Config {
    serde_qs::Config::new(5, false)
}

fn check<T: ServerFn + Serialize + DeserializeOwned>(body: &str) {
    let Some((_, fields)) = FIELDS.iter().find(|(path, _)| *path == T::PATH) else { panic!("{} is not in the registry", T::PATH) };
    // Decoding anything must not panic, whether or not the router would let it through.
    let decoded = qs().deserialize_str::<T>(body);
    if !unknown_keys(body, fields).is_empty() {
        return;
    }
    let Ok(whole) = decoded else { return };
    let encoded = serde_qs::to_string(&whole).expect("a decoded form encodes");
    let again = qs().deserialize_str::<T>(&encoded).unwrap_or_else(|e| panic!("{}: {encoded:?} does not decode again: {e}", T::PATH));
    assert_eq!(serde_qs::to_string(&again).ok(), Some(encoded), "{}", T::PATH);
}

fuzz_target!(|input: (u8, &str)| {
    let (pick, body) = input;
    match pick % 14 {
        0 => check::<ed::AdminSaveBasics>(body),
        1 => check::<ed::AdminSaveTimeline>(body),
        2 => check::<ed::AdminSaveNomination>(body),
        3 => check::<ed::AdminSaveAgeGroup>(body),
        4 => check::<ed::AdminSaveCriterion>(body),
        5 => check::<ed::AdminSaveScoring>(body),
        6 => check::<ed::AdminSaveAwards>(body),
        7 => check::<contests::AdminCreateContest>(body),
        8 => check::<entries::SaveParticipant>(body),
        9 => check::<entries::CreateEntry>(body),
        10 => check::<entries::UpdateEntry>(body),
        11 => check::<judging::AdminSavePanel>(body),
        12 => check::<judging::JudgeSave>(body),
        _ => check::<judging::AdminInviteJudge>(body),
    }
});
