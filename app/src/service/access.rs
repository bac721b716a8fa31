//! Who may do what with a contest (`domain::access`), decided in one place: every admin
//! server function, route, export and file of a contest asks [`contest`] (or
//! [`for_request`]) for the one power it needs. Also the site administrators' organisations
//! and the contests' staff.

use super::OrInternal;
use crate::backend::auth::{self, CurrentAccount};
use crate::backend::db::contests::ContestRow;
use crate::backend::db::staff::{self as sdb, Member};
use crate::backend::db::{self, audit::Subject};
use crate::backend::AppState;
use crate::domain::access::{self, Power, Refusal, StaffRole, Standing};
use crate::domain::audit::Action;
use crate::domain::contest::LocalText;
use crate::domain::{AccountId, Email, Role};
use crate::error::{AppError, Field};
use crate::i18n::Msg;
use crate::view::staff::{MemberView, OrganisationView, OrganisationsPage, StaffPanel};

/// What `me` is to `contest`, if anything.
pub async fn standing(state: &AppState, me: &CurrentAccount, contest: &ContestRow) -> Result<Option<Standing>, AppError> {
    if me.role == Role::Admin {
        return Ok(Some(Standing::SiteAdmin));
    }
    if !me.staff {
        return Ok(None);
    }
    let ties = sdb::ties(&state.db, me.account_id, contest.contest_id).await.or_internal()?;
    Ok(Standing::of(false, ties.organisation_admin, ties.staff))
}

/// `me` may use `power` on `contest`: a stranger to it gets `NotFound` (as for a contest that
/// does not exist), its staff without the power `Forbidden`, anyone still owing two-step
/// login `Denied`.
pub async fn require(state: &AppState, me: &CurrentAccount, contest: &ContestRow, power: Power) -> Result<Standing, AppError> {
    let found = standing(state, me, contest).await?;
    if found.is_some() {
        me.check_two_step()?;
    }
    access::check(found, power).map_err(|r| match r {
        Refusal::NotFound => AppError::NotFound,
        Refusal::Forbidden => AppError::Forbidden,
    })
}

/// The contest `public_id` names, for `me` holding `power` on it.
pub async fn contest(state: &AppState, me: &CurrentAccount, public_id: &str, power: Power) -> Result<(ContestRow, Standing), AppError> {
    let c = db::contests::find(&state.db, public_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let s = require(state, me, &c, power).await?;
    Ok((c, s))
}

/// Whether `me` holds `power` on the contest with this id, able to use it now: for a file or
/// a document reached by its own id, where owners may also read it.
pub async fn holds_on(state: &AppState, me: &CurrentAccount, contest: crate::domain::ContestId, power: Power) -> Result<bool, AppError> {
    if !me.is_staff() || me.two_step_missing() {
        return Ok(false);
    }
    let Some(c) = db::contests::find_by_id(&state.db, contest).await.or_internal()? else { return Ok(false) };
    Ok(standing(state, me, &c).await?.is_some_and(|s| s.may(power)))
}

/// The caller of a route outside server functions (exports, documents, uploads) and the
/// contest it names, for `power`: `Unauthorized` without a session, `Forbidden` for an
/// account that is no one's staff.
pub async fn for_request(state: &AppState, headers: &http::HeaderMap, public_id: &str, power: Power) -> Result<(CurrentAccount, ContestRow), AppError> {
    let me = match auth::current_account(&state.db, &state.config, headers, state.now()).await {
        Ok(Some(me)) => me,
        Ok(None) => return Err(AppError::Unauthorized),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            return Err(AppError::Internal);
        }
    };
    if !me.is_staff() {
        return Err(AppError::Forbidden);
    }
    let (c, _) = contest(state, &me, public_id, power).await?;
    Ok((me, c))
}

/// May `me` open the admin pages at all (a site administrator or staff)?
pub fn require_staff(me: &CurrentAccount) -> Result<(), AppError> {
    if !me.is_staff() {
        return Err(AppError::Forbidden);
    }
    me.check_two_step()
}

/// A site administrator, able to use the role now.
pub fn require_site_admin(me: &CurrentAccount) -> Result<(), AppError> {
    if me.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    me.check_two_step()
}

/// The contests `me` may see on the admin pages, newest first.
pub async fn visible_contests(state: &AppState, me: &CurrentAccount) -> Result<Vec<ContestRow>, AppError> {
    require_staff(me)?;
    let all = db::contests::list_all(&state.db).await.or_internal()?;
    if me.role == Role::Admin {
        return Ok(all);
    }
    let mine = sdb::contest_ids(&state.db, me.account_id).await.or_internal()?;
    Ok(all.into_iter().filter(|c| mine.contains(&c.contest_id)).collect())
}

/// The organisation a new contest goes to: a site administrator may leave it to the host
/// (empty) or name any organisation; an organisation's admin names one of theirs, or gets
/// their only one when they leave it empty.
pub async fn organisation_for_new_contest(state: &AppState, me: &CurrentAccount, requested: &str) -> Result<Option<i64>, AppError> {
    require_staff(me)?;
    let requested = requested.trim();
    if me.role == Role::Admin {
        if requested.is_empty() {
            return Ok(None);
        }
        let org = sdb::organisation(&state.db, requested).await.or_internal()?.ok_or(AppError::field(Field::Organisation, Msg::ErrChooseOption))?;
        return Ok(Some(org.organisation_id));
    }
    let mine = sdb::administered_by(&state.db, me.account_id).await.or_internal()?;
    match (requested.is_empty(), mine.as_slice()) {
        (_, []) => Err(AppError::Forbidden),
        (true, [only]) => Ok(Some(only.organisation_id)),
        (true, _) => Err(AppError::field(Field::Organisation, Msg::ErrChooseOption)),
        (false, orgs) => orgs.iter().find(|o| o.public_id == requested).map(|o| Some(o.organisation_id)).ok_or(AppError::Forbidden),
    }
}

/// The organisations `me` may create contests in: every one for a site administrator, their
/// own for an organisation's admin.
pub async fn organisations_for(state: &AppState, me: &CurrentAccount) -> Result<Vec<(String, LocalText)>, AppError> {
    let rows = if me.role == Role::Admin {
        sdb::organisations(&state.db).await.or_internal()?
    } else {
        sdb::administered_by(&state.db, me.account_id).await.or_internal()?
    };
    Ok(rows.iter().map(|o| (o.public_id.clone(), o.name())).collect())
}

fn member_view(m: &Member) -> MemberView {
    MemberView { account: m.account_id, name: m.display_name.clone(), email: m.email.clone(), role: m.role }
}

pub async fn organisations_page(state: &AppState, me: &CurrentAccount) -> Result<OrganisationsPage, AppError> {
    require_site_admin(me)?;
    let orgs = sdb::organisations(&state.db).await.or_internal()?;
    let admins = sdb::admins(&state.db).await.or_internal()?;
    let counts = sdb::contest_counts(&state.db).await.or_internal()?;
    let organisations = orgs
        .iter()
        .map(|o| OrganisationView {
            public_id: o.public_id.clone(),
            name: o.name(),
            admins: admins.iter().filter(|(id, _)| *id == o.organisation_id).map(|(_, m)| member_view(m)).collect(),
            contests: counts.iter().find(|(id, _)| *id == o.organisation_id).map_or(0, |(_, n)| *n),
        })
        .collect();
    Ok(OrganisationsPage { organisations })
}

/// An organisation's name as its audit lines give it: Kazakh, or the first language given.
fn audit_name(name: &LocalText) -> String {
    name.pick(crate::i18n::Lang::Kk).map_or("", |(t, _)| t).to_owned()
}

/// An organisation's name: in at least one language, 200 characters at most.
fn check_name(name: &LocalText) -> Result<(), AppError> {
    if name.is_empty() {
        return Err(AppError::field(Field::Name, Msg::ErrRequired));
    }
    if name.longest_chars() > 200 {
        return Err(AppError::field(Field::Name, Msg::ErrTextTooLong));
    }
    Ok(())
}

/// A new organisation, named in at least one language (200 characters at most).
pub async fn create_organisation(state: &AppState, me: &CurrentAccount, name: LocalText) -> Result<String, AppError> {
    require_site_admin(me)?;
    check_name(&name)?;
    let public_id = crate::backend::ids::new_public_id();
    sdb::insert_organisation(&state.db, &public_id, &name, state.now()).await.or_internal()?;
    db::audit::log(&state.db, Some(me.account_id), Action::OrganisationCreate, Subject::Organisation(&public_id), &audit_name(&name), state.now()).await.or_internal()?;
    Ok(public_id)
}

/// Names an organisation anew (as when it was made); its contests show the new name.
pub async fn rename_organisation(state: &AppState, me: &CurrentAccount, organisation: &str, name: LocalText) -> Result<(), AppError> {
    require_site_admin(me)?;
    check_name(&name)?;
    let org = sdb::organisation(&state.db, organisation).await.or_internal()?.ok_or(AppError::NotFound)?;
    let detail = audit_name(&name);
    let mut tx = db::write(&state.db).await.or_internal()?;
    sdb::rename_organisation(&mut tx, org.organisation_id, &name).await.or_internal()?;
    db::audit::log(&mut tx, Some(me.account_id), Action::OrganisationRename, Subject::Organisation(&org.public_id), &detail, state.now()).await.or_internal()?;
    tx.commit().await.or_internal()
}

/// Deletes an organisation that holds no contest; one that holds a contest (moved into it
/// since the page was read) is a conflict, and nothing changes.
pub async fn delete_organisation(state: &AppState, me: &CurrentAccount, organisation: &str) -> Result<(), AppError> {
    require_site_admin(me)?;
    let org = sdb::organisation(&state.db, organisation).await.or_internal()?.ok_or(AppError::NotFound)?;
    let mut tx = db::write(&state.db).await.or_internal()?;
    if !sdb::delete_organisation(&mut tx, org.organisation_id).await.or_internal()? {
        return Err(AppError::Conflict(Msg::ErrConflict));
    }
    let detail = audit_name(&org.name());
    db::audit::log(&mut tx, Some(me.account_id), Action::OrganisationDelete, Subject::Organisation(&org.public_id), &detail, state.now()).await.or_internal()?;
    tx.commit().await.or_internal()
}

/// An account, by the address it registered with, that may hold a staff role: it exists,
/// is enabled and has confirmed its address.
async fn staff_account(state: &AppState, email: &str) -> Result<db::accounts::AccountRow, AppError> {
    let email = Email::parse(email).map_err(|e| AppError::field(Field::Email, e.into()))?;
    let account = db::accounts::find_by_email(&state.db, &email).await.or_internal()?.ok_or(AppError::field(Field::Email, Msg::ErrNoSuchAccount))?;
    if account.disabled_at.is_some() || account.email_confirmed_at.is_none() {
        return Err(AppError::field(Field::Email, Msg::ErrStaffNotConfirmed));
    }
    Ok(account)
}

pub async fn add_organisation_admin(state: &AppState, me: &CurrentAccount, organisation: &str, email: &str) -> Result<(), AppError> {
    require_site_admin(me)?;
    let org = sdb::organisation(&state.db, organisation).await.or_internal()?.ok_or(AppError::NotFound)?;
    let account = staff_account(state, email).await?;
    if sdb::add_admin(&state.db, org.organisation_id, account.account_id, state.now()).await.or_internal()? {
        let detail = format!("account:{}", account.account_id);
        db::audit::log(&state.db, Some(me.account_id), Action::OrganisationAdminAdd, Subject::Organisation(&org.public_id), &detail, state.now()).await.or_internal()?;
    }
    Ok(())
}

pub async fn remove_organisation_admin(state: &AppState, me: &CurrentAccount, organisation: &str, account: AccountId) -> Result<(), AppError> {
    require_site_admin(me)?;
    let org = sdb::organisation(&state.db, organisation).await.or_internal()?.ok_or(AppError::NotFound)?;
    if !sdb::remove_admin(&state.db, org.organisation_id, account).await.or_internal()? {
        return Err(AppError::NotFound);
    }
    db::audit::log(&state.db, Some(me.account_id), Action::OrganisationAdminRemove, Subject::Organisation(&org.public_id), &format!("account:{account}"), state.now()).await.or_internal()?;
    Ok(())
}

pub async fn staff_panel(state: &AppState, me: &CurrentAccount, contest: &ContestRow, standing: Standing) -> Result<StaffPanel, AppError> {
    let members = sdb::staff_of(&state.db, contest.contest_id).await.or_internal()?;
    let all = sdb::organisations(&state.db).await.or_internal()?;
    let organisation = contest.organisation_id.and_then(|id| all.iter().find(|o| o.organisation_id == id)).map(|o| (o.public_id.clone(), o.name()));
    let organisations = if me.role == Role::Admin { all.iter().map(|o| (o.public_id.clone(), o.name())).collect() } else { Vec::new() };
    Ok(StaffPanel { contest: contest.public_id.clone(), standing, organisation, members: members.iter().map(member_view).collect(), organisations })
}

/// Gives someone a role on the contest's staff (or changes theirs). Only its organisation's
/// admins and the site's administrators may.
pub async fn grant_staff(state: &AppState, me: &CurrentAccount, contest: &str, email: &str, role: &str) -> Result<ContestRow, AppError> {
    let (c, _) = self::contest(state, me, contest, Power::Staff).await?;
    let role = StaffRole::parse(role.trim());
    let account = staff_account(state, email).await;
    let (role, account) = match (role, account) {
        (Some(r), Ok(a)) => (r, a),
        (None, _) => return Err(AppError::field(Field::Role, Msg::ErrChooseOption)),
        (_, Err(e)) => return Err(e),
    };
    if account.role == Role::Admin {
        return Err(AppError::field(Field::Email, Msg::ErrStaffIsSiteAdmin));
    }
    sdb::grant(&state.db, c.contest_id, account.account_id, role, state.now()).await.or_internal()?;
    super::contests::audit(state, me.account_id, Action::StaffGrant, &c, &format!("account:{} {}", account.account_id, role.as_str())).await?;
    Ok(c)
}

pub async fn revoke_staff(state: &AppState, me: &CurrentAccount, contest: &str, account: AccountId) -> Result<ContestRow, AppError> {
    let (c, _) = self::contest(state, me, contest, Power::Staff).await?;
    if !sdb::revoke(&state.db, c.contest_id, account).await.or_internal()? {
        return Err(AppError::NotFound);
    }
    super::contests::audit(state, me.account_id, Action::StaffRevoke, &c, &format!("account:{account}")).await?;
    Ok(c)
}

/// Moves a contest into an organisation (or back to the host, `""`): site administrators
/// only. Its staff stay; the new organisation's admins gain it, the old one's lose it.
pub async fn move_contest(state: &AppState, me: &CurrentAccount, contest: &str, organisation: &str) -> Result<ContestRow, AppError> {
    require_site_admin(me)?;
    let (c, _) = self::contest(state, me, contest, Power::Edit).await?;
    let target = match organisation.trim() {
        "" => None,
        id => Some(sdb::organisation(&state.db, id).await.or_internal()?.ok_or(AppError::field(Field::Organisation, Msg::ErrChooseOption))?),
    };
    sdb::set_organisation(&state.db, c.contest_id, target.as_ref().map(|o| o.organisation_id), state.now()).await.or_internal()?;
    let detail = target.as_ref().map_or_else(|| "host".to_owned(), |o| format!("organisation:{}", o.public_id));
    super::contests::audit(state, me.account_id, Action::ContestOrganisation, &c, &detail).await?;
    Ok(c)
}
