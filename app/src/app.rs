//! The HTML shell and the router.

use crate::components::layout::Layout;
use crate::components::request_lang;
use crate::pages;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The built site's JS, WASM and CSS under `/pkg/`, with the content hashes in their names
/// when the build wrote them (`hash-files` in Cargo.toml: `<site>/hash.txt`, lines such as
/// `wasm: <hash>`). A changed file gets a new name, so browsers keep every one for a year.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteAssets {
    pub css: String,
    pub js: String,
    pub wasm: String,
    /// The split build's loader of lazy chunks (`__wasm_split.<hash>.js`), if split.
    pub split: Option<String>,
    /// Each lazy island's chunks, as a JSON object (`{"uploader_loader_…": ["/pkg/chunk_3.….wasm", …]}`)
    /// from the build's `__wasm_split_manifest.<hash>.json`; `{}` when not split.
    pub chunks: String,
    /// Whether a build wrote `hash.txt` (none: no site was built there).
    pub built: bool,
}

#[cfg(feature = "ssr")]
impl SiteAssets {
    /// Reads `<site_root>/hash.txt`; without it (a build without hashes), the plain names.
    pub fn read(site_root: &std::path::Path, output_name: &str, pkg_dir: &str) -> SiteAssets {
        let hashes = std::fs::read_to_string(site_root.join("hash.txt")).unwrap_or_default();
        let hash = |key: &str| {
            hashes.lines().find_map(|l| l.split_once(':').filter(|(k, _)| k.trim() == key).map(|(_, h)| h.trim().to_owned())).filter(|h| !h.is_empty())
        };
        let name = |ext: &str| match hash(ext) {
            Some(h) => format!("/{pkg_dir}/{output_name}.{h}.{ext}"),
            None => format!("/{pkg_dir}/{output_name}.{ext}"),
        };
        let manifest = hash("manifest")
            .and_then(|h| std::fs::read_to_string(site_root.join(pkg_dir).join(format!("__wasm_split_manifest.{h}.json"))).ok())
            .and_then(|text| serde_json::from_str::<std::collections::BTreeMap<String, Vec<String>>>(&text).ok())
            .unwrap_or_default();
        let chunks: std::collections::BTreeMap<String, Vec<String>> =
            manifest.into_iter().map(|(island, files)| (island, files.into_iter().map(|f| format!("/{pkg_dir}/{f}.wasm")).collect())).collect();
        SiteAssets {
            css: name("css"),
            js: name("js"),
            wasm: name("wasm"),
            split: hash("split").map(|h| format!("/{pkg_dir}/__wasm_split.{h}.js")),
            chunks: serde_json::to_string(&chunks).unwrap_or_else(|_| "{}".to_owned()),
            built: !hashes.is_empty(),
        }
    }

    /// What is wrong with a built site that would break pages, said before serving them: a
    /// build without `--split` leaves the lazy islands (uploader, scoring form) importing a
    /// chunk loader that is not there, so they never hydrate.
    pub fn problem(&self) -> Option<String> {
        (self.built && (self.split.is_none() || self.chunks == "{}")).then(|| {
            "the site was built without --split, so the uploader and the scoring form would not load: \
             build it with `cargo leptos build --release --precompress --split`"
                .to_owned()
        })
    }

    /// This process's site, read once.
    pub fn of(options: &LeptosOptions) -> &'static SiteAssets {
        static ASSETS: std::sync::OnceLock<SiteAssets> = std::sync::OnceLock::new();
        ASSETS.get_or_init(|| SiteAssets::read(std::path::Path::new(options.site_root.as_ref()), &options.output_name, &options.site_pkg_dir))
    }
}

/// Loads the WASM only on a page that has islands (`<leptos-island>`: the uploader, the
/// scoring form), after the HTML is parsed (module scripts wait for it), and hydrates each
/// island in turn. A page without islands downloads no JS or WASM at all. On a page with
/// islands, everything it will need is asked for at once (the JS, the main WASM, the split
/// loader and the chunks of the islands present), so a slow link is not paid once per step.
/// When the page is as interactive as it gets, `<body data-hydrated>` says so (for people and
/// tests) and the performance mark `baiqau-interactive` says when (`bench/phone`).
#[cfg(feature = "ssr")]
#[component]
fn IslandLoader(assets: SiteAssets) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    let script = format!(
        "((js, wasm, split, chunks) => {{\
const ready = () => {{ performance.mark('baiqau-interactive'); document.body.setAttribute('data-hydrated', ''); document.dispatchEvent(new Event('baiqau:ready')); }};\
const islands = Array.from(document.querySelectorAll('leptos-island'));\
if (islands.length === 0) {{ ready(); return; }}\
const hint = (href, rel) => {{\
const link = document.createElement('link');\
link.rel = rel; link.href = href;\
if (rel === 'preload') {{ link.as = 'fetch'; link.crossOrigin = 'anonymous'; }}\
document.head.appendChild(link);\
}};\
if (split) {{ hint(split, 'modulepreload'); }}\
for (const el of islands) {{\
const name = el.dataset.component.split('_')[0].replace(/[A-Z]/g, (c, i) => (i ? '_' : '') + c.toLowerCase());\
for (const [key, files] of Object.entries(chunks)) {{ if (key.startsWith(name + '_loader_')) {{ files.forEach((f) => hint(f, 'preload')); }} }}\
}}\
const module = fetch(wasm);\
import(js).then(async (mod) => {{\
await mod.default({{ module_or_path: module }});\
mod.hydrate();\
for (const el of islands) {{\
const island = mod[el.dataset.component];\
if (island) {{ await island(el); }} else {{ console.error('no code for the island ' + el.dataset.component); }}\
}}\
ready();\
}});\
}})({js:?}, {wasm:?}, {split}, {chunks});",
        js = assets.js,
        wasm = assets.wasm,
        split = assets.split.as_ref().map_or_else(|| "null".to_owned(), |s| format!("{s:?}")),
        chunks = assets.chunks,
    );
    view! { <script type="module" nonce=nonce>{script}</script> }
}

/// The full HTML document, rendered on the server only (islands hydrate inside it).
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<crate::backend::security::CspNonce>().map(|n| n.0.clone()))
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
    let assets = SiteAssets::of(&options).clone();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=assets.css.clone()/>
                <IslandLoader assets/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// `<page> · <the organiser, or Baiqau>`. On the server the text is escaped here, because leptos_meta writes
/// the `<title>` into the HTML as it is (a title with `</title>` in it would end the element);
/// in the browser it goes to `document.title`, which takes plain text.
fn page_title(title: String, site: &str) -> String {
    let full = if title.is_empty() { site.to_owned() } else { format!("{title} · {site}") };
    if cfg!(feature = "ssr") { full.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;") } else { full }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = request_lang();
    provide_context(lang);
    let site = crate::components::brand(lang).name.unwrap_or_else(|| "Baiqau".to_owned());

    view! {
        <Title formatter=move |title| page_title(title, &site)/>
        <Router>
            <Layout>
                // Async rendering: the page is sent once every resource on it has loaded, so
                // it is whole without JavaScript (out-of-order streaming would need a script to
                // swap its parts in), and its <title>, set from those resources, is in the head.
                // In-order streaming sent the head before a slow resource had given the page its
                // title: under load, random pages went out without one.
                <Routes fallback=pages::not_found::NotFoundPage>
                    <Route path=path!("/") view=pages::contests::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id") view=pages::contests::ContestPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/contests") view=pages::admin_contests::AdminContestsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/contests/:id") view=pages::admin_contests::ContestEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id/submit") view=pages::entries::SubmitWorkPage ssr=SsrMode::Async/>
                    <Route path=path!("/entries/:id") view=pages::entries::EntryPage ssr=SsrMode::Async/>
                    <Route path=path!("/me/entries") view=pages::entries::MyEntriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/me/participants") view=pages::participants::ParticipantsPage ssr=SsrMode::Async/>
                    <Route path=path!("/me/participants/new") view=pages::participants::NewParticipantPage ssr=SsrMode::Async/>
                    <Route path=path!("/me/participants/:id") view=pages::participants::ParticipantEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/contests/:id/entries") view=pages::admin_entries::AdminEntriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/entries/:id") view=pages::admin_entries::AdminEntryPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/contests/:id/duplicates") view=pages::admin_likeness::LikenessReviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/judge") view=pages::judge::JudgeQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/judge/join") view=pages::judge::JoinPage ssr=SsrMode::Async/>
                    <Route path=path!("/judge/:contest/:code") view=pages::judge::ScoringPage ssr=SsrMode::Async/>
                    <Route path=path!("/judge/:contest/anchors/:code") view=pages::calibration::AnchorPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/contests/:id/judging") view=pages::admin_judging::JudgingDashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id/results") view=pages::results::ResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id/gallery") view=pages::gallery::GalleryListPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id/gallery/:no") view=pages::gallery::GalleryWorkPageView ssr=SsrMode::Async/>
                    <Route path=path!("/vote") view=pages::audience::VotePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/contests/:id/audience") view=pages::audience::AudienceAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/contests/:id/results") view=pages::results::AdminResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify") view=pages::results::VerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify/:code") view=pages::results::VerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=pages::login::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=pages::register::RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/password/forgot") view=pages::password::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/password/reset") view=pages::password::ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/email/confirm") view=pages::account::ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/two-step") view=pages::account::TwoStepSetupPage ssr=SsrMode::Async/>
                    <Route path=path!("/login/code") view=pages::account::LoginCodePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/accounts") view=pages::admin_accounts::AdminAccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=pages::admin_audit::AdminAuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/identity") view=pages::admin_identity::AdminIdentityPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisations") view=pages::admin_organisations::AdminOrganisationsPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::SiteAssets;

    #[test]
    fn site_assets_follow_the_builds_hash_file_and_split_manifest() {
        let root = std::env::temp_dir().join(format!("baiqau-site-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("pkg")).unwrap_or_default();
        // No hash file: the plain names, nothing split.
        let plain = SiteAssets::read(&root, "baiqau", "pkg");
        assert_eq!((plain.css.as_str(), plain.js.as_str(), plain.wasm.as_str()), ("/pkg/baiqau.css", "/pkg/baiqau.js", "/pkg/baiqau.wasm"));
        assert_eq!((plain.split.as_deref(), plain.chunks.as_str()), (None, "{}"));
        assert_eq!(plain.problem(), None, "no site built here: nothing to refuse");
        // What cargo-leptos writes with `hash-files` and `--split`.
        let hashes = "js: J1\nwasm: W1\ncss: C1\nmanifest: M1\nsplit: S1\n";
        let written = std::fs::write(root.join("hash.txt"), hashes)
            .and_then(|()| std::fs::write(root.join("pkg/__wasm_split_manifest.M1.json"), r#"{"uploader_loader_7":["chunk_3.X","split_uploader_loader_7.Y"]}"#));
        assert!(written.is_ok(), "{written:?}");
        let hashed = SiteAssets::read(&root, "baiqau", "pkg");
        assert_eq!((hashed.css.as_str(), hashed.js.as_str(), hashed.wasm.as_str()), ("/pkg/baiqau.C1.css", "/pkg/baiqau.J1.js", "/pkg/baiqau.W1.wasm"));
        assert_eq!(hashed.split.as_deref(), Some("/pkg/__wasm_split.S1.js"));
        assert_eq!(hashed.chunks, r#"{"uploader_loader_7":["/pkg/chunk_3.X.wasm","/pkg/split_uploader_loader_7.Y.wasm"]}"#);
        assert_eq!(hashed.problem(), None);
        // A release build without `--split`: refused before it serves islands that cannot load.
        assert!(std::fs::write(root.join("hash.txt"), "js: J2\nwasm: W2\ncss: C2\n").is_ok());
        let unsplit = SiteAssets::read(&root, "baiqau", "pkg");
        assert!(unsplit.problem().is_some_and(|p| p.contains("--split")), "{unsplit:?}");
        let _ = std::fs::remove_dir_all(&root);
    }
}
