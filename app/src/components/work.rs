//! A work's file as a judge sees it: an image to zoom, a PDF in place, a player, or a
//! download, named by the work's code.

use crate::components::t;
use crate::domain::contest::FileKind;
use crate::i18n::Msg;
use crate::view::judging::JudgeFile;
use leptos::prelude::*;

/// One file of the work (the `index`-th: its zoom toggle's id).
#[component]
pub fn WorkFile(file: JudgeFile, index: usize) -> impl IntoView {
    let zoom = format!("zoom-{index}");
    match file.kind {
        FileKind::Image => view! {
            <figure class="work-image">
                <input type="checkbox" class="zoom-toggle" id=zoom.clone()/>
                <label for=zoom title=t(Msg::ZoomHint)><img src=file.url.clone() alt=file.name.clone()/></label>
                <figcaption class="hint">{file.name.clone()}" · "{t(Msg::ZoomHint)}</figcaption>
            </figure>
        }
        .into_any(),
        FileKind::Pdf => view! {
            <div class="work-pdf">
                <object data=file.url.clone() type="application/pdf"><a href=file.url.clone()>{file.name.clone()}</a></object>
                <p class="hint"><a href=file.url.clone()>{file.name.clone()}</a></p>
            </div>
        }
        .into_any(),
        FileKind::Audio => view! { <div><audio controls=true preload="metadata" src=file.url.clone()></audio><p class="hint">{file.name.clone()}</p></div> }.into_any(),
        FileKind::Video => view! { <div><video controls=true preload="metadata" src=file.url.clone()></video><p class="hint">{file.name.clone()}</p></div> }.into_any(),
        FileKind::Document => view! { <p><a class="button" href=file.url.clone()>{t(Msg::DownloadFile)}": "{file.name.clone()}</a></p> }.into_any(),
    }
}
