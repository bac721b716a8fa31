//! The audience award: the public votes for works in a contest's open gallery while the
//! organisers' vote window is open. Pure rules: the window, who a voter is, the networks and
//! time groups votes are judged by, the flags on them, the public count, the winners.
//!
//! A voter is an e-mail address proved by a one-time link (no account). One vote per
//! address in each nomination × age group, which a later confirmed vote replaces until the
//! window closes. The address is never shown: a vote keeps only a hash of the address (to
//! know it again) and its domain (a fraud signal).

use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// How long a voting link works.
pub const LINK_TTL: i64 = 24 * 3600;
/// Vote requests (links sent) one address may make in the ten-minute address window: a
/// school class of forty behind one router (one address) all get their links.
pub const REQUESTS_PER_ADDRESS: u32 = 40;
/// Vote requests one network (/24 of IPv4, /48 of IPv6) may make in that window: a class,
/// or a family's phones, stay below; a script walking through a network's addresses does
/// not get far (and what gets through is grouped and flagged for the organisers).
pub const REQUESTS_PER_NETWORK: u32 = 60;
/// Links one e-mail address may be sent in that window (no one's mailbox is flooded).
pub const LINKS_PER_EMAIL: u32 = 3;
/// Votes from one network within this many seconds of the first are one group.
pub const GROUP_SPAN: i64 = 600;
/// A group this large is listed for the organisers to look at.
pub const GROUP_LISTED: usize = 5;
/// A group this large is flagged.
pub const GROUP_FLAGGED: usize = 10;
/// This many votes for one work within `GROUP_SPAN` seconds is a burst, flagged.
pub const BURST_VOTES: usize = 20;

/// Whether the public sees how many votes a work has while voting is open. After the
/// window closes, the count is shown exactly in either case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountShown {
    /// Nothing until the end (the default: no bandwagon).
    #[default]
    Hidden,
    /// Rounded down to tens.
    Rounded,
}

impl CountShown {
    pub const ALL: [CountShown; 2] = [CountShown::Hidden, CountShown::Rounded];

    pub fn as_str(self) -> &'static str {
        match self {
            CountShown::Hidden => "hidden",
            CountShown::Rounded => "rounded",
        }
    }

    pub fn parse(s: &str) -> Option<CountShown> {
        CountShown::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// A contest's vote window, `[opens_at, closes_at)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub opens_at: i64,
    pub closes_at: i64,
    pub count: CountShown,
}

/// Where a moment is relative to the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Before,
    Open,
    Closed,
}

impl Window {
    pub fn phase(&self, now: i64) -> Phase {
        if now < self.opens_at {
            Phase::Before
        } else if now < self.closes_at {
            Phase::Open
        } else {
            Phase::Closed
        }
    }

    /// The count of a work as the public sees it now.
    pub fn public_count(&self, votes: usize, now: i64) -> Option<PublicCount> {
        match (self.phase(now), self.count) {
            (Phase::Closed, _) => Some(PublicCount::Exact(votes)),
            (Phase::Open, CountShown::Rounded) => Some(PublicCount::AtLeast(votes / 10 * 10)),
            _ => None,
        }
    }
}

/// A count as shown: exactly, or "at least" (a multiple of ten; 0 reads "fewer than 10").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PublicCount {
    Exact(usize),
    AtLeast(usize),
}

/// Who a voter is: their address in one spelling per mailbox. Case does not count, nor a
/// `+tag` (one mailbox with many tags is one voter), nor dots in a Gmail name.
pub fn voter_key(email: &str) -> String {
    let lower = email.trim().to_lowercase();
    let Some((local, domain)) = lower.rsplit_once('@') else { return lower };
    let local = local.split('+').next().unwrap_or(local);
    let domain = if domain == "googlemail.com" { "gmail.com" } else { domain };
    let local = if domain == "gmail.com" { local.replace('.', "") } else { local.to_owned() };
    format!("{local}@{domain}")
}

/// The domain of an address, lower case.
pub fn domain_of(email: &str) -> String {
    email.rsplit_once('@').map(|(_, d)| d.trim().to_lowercase()).unwrap_or_default()
}

/// Throw-away mail services: an address there proves nothing about a person. A subdomain
/// of one counts as the service.
const DISPOSABLE: &[&str] = &[
    "10minutemail.com", "20minutemail.com", "33mail.com", "anonbox.net", "burnermail.io", "discard.email", "dispostable.com",
    "dropmail.me", "emailondeck.com", "fakeinbox.com", "getairmail.com", "getnada.com", "guerrillamail.com", "guerrillamail.net",
    "guerrillamail.org", "guerrillamailblock.com", "harakirimail.com", "inboxkitten.com", "mail.tm", "mailcatch.com",
    "maildrop.cc", "mailinator.com", "mailnesia.com", "mailpoof.com", "mintemail.com", "moakt.com", "mohmal.com",
    "mytemp.email", "nada.email", "sharklasers.com", "spam4.me", "spambox.us", "spamgourmet.com", "tempail.com",
    "tempmail.net", "tempmail.plus", "tempmailo.com", "temp-mail.org", "temp-mail.io", "tempr.email", "throwawaymail.com",
    "tmpmail.net", "tmpmail.org", "trash-mail.com", "trashmail.com", "trashmail.de", "yopmail.com", "yopmail.fr",
    "emltmp.com", "minuteinbox.com", "luxusmail.org", "grr.la", "mail7.io", "fexpost.com", "wegwerfmail.de",
];

pub fn is_disposable(domain: &str) -> bool {
    let d = domain.trim().trim_end_matches('.').to_lowercase();
    DISPOSABLE.iter().any(|s| d == *s || d.strip_suffix(s).is_some_and(|rest| rest.ends_with('.')))
}

/// The network an address belongs to for the rates and groups: a /24 of IPv4, a /48 of
/// IPv6 (what one household, school or provider's customer usually has).
pub fn network(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => network(IpAddr::V4(v4)),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
            }
        },
    }
}

/// A counted vote, as the fraud review sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ballot {
    pub network: String,
    pub cast_at: i64,
    pub entry: i64,
}

/// Votes from one network in the same minutes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub network: String,
    pub from: i64,
    pub to: i64,
    pub votes: usize,
    /// The work most of them went to, and how many.
    pub top_entry: i64,
    pub top_votes: usize,
    pub flagged: bool,
}

/// The groups worth a look: votes from one network, each within `GROUP_SPAN` seconds of
/// its group's first, at least `GROUP_LISTED` of them; largest first.
pub fn groups(ballots: &[Ballot]) -> Vec<Group> {
    let mut sorted: Vec<&Ballot> = ballots.iter().collect();
    sorted.sort_by(|a, b| (&a.network, a.cast_at).cmp(&(&b.network, b.cast_at)));
    let mut out = Vec::new();
    let mut start = 0;
    while start < sorted.len() {
        let first = sorted[start];
        let end = sorted[start..].iter().position(|b| b.network != first.network || b.cast_at > first.cast_at + GROUP_SPAN).map_or(sorted.len(), |n| start + n);
        let members = &sorted[start..end];
        if members.len() >= GROUP_LISTED {
            let mut per: Vec<(i64, usize)> = Vec::new();
            for b in members {
                match per.iter_mut().find(|(e, _)| *e == b.entry) {
                    Some((_, n)) => *n += 1,
                    None => per.push((b.entry, 1)),
                }
            }
            let (top_entry, top_votes) = per.into_iter().max_by_key(|(e, n)| (*n, -e)).unwrap_or((0, 0));
            out.push(Group { network: first.network.clone(), from: first.cast_at, to: members[members.len() - 1].cast_at, votes: members.len(), top_entry, top_votes, flagged: members.len() >= GROUP_FLAGGED });
        }
        start = end;
    }
    out.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.from.cmp(&b.from)));
    out
}

/// Works with a burst: at least `BURST_VOTES` votes within `GROUP_SPAN` seconds, from any
/// networks. Each work once, with the most votes any such span held and when it began.
pub fn bursts(ballots: &[Ballot]) -> Vec<(i64, i64, usize)> {
    let mut by_entry: Vec<(i64, Vec<i64>)> = Vec::new();
    for b in ballots {
        match by_entry.iter_mut().find(|(e, _)| *e == b.entry) {
            Some((_, times)) => times.push(b.cast_at),
            None => by_entry.push((b.entry, vec![b.cast_at])),
        }
    }
    let mut out = Vec::new();
    for (entry, mut times) in by_entry {
        times.sort_unstable();
        let (mut best, mut at, mut lo) = (0, 0, 0);
        for hi in 0..times.len() {
            while times[hi] - times[lo] > GROUP_SPAN {
                lo += 1;
            }
            if hi - lo + 1 > best {
                (best, at) = (hi - lo + 1, times[lo]);
            }
        }
        if best >= BURST_VOTES {
            out.push((entry, at, best));
        }
    }
    out.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    out
}

/// The audience award of one nomination × age group: the works with the most counted
/// votes (all of them on a tie); none without a vote.
pub fn winners(tally: &[(i64, usize)]) -> Vec<i64> {
    let most = tally.iter().map(|(_, n)| *n).max().unwrap_or(0);
    if most == 0 {
        return Vec::new();
    }
    tally.iter().filter(|(_, n)| *n == most).map(|(e, _)| *e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_and_what_the_public_sees_of_a_count() {
        let w = Window { opens_at: 100, closes_at: 200, count: CountShown::Rounded };
        assert_eq!([w.phase(99), w.phase(100), w.phase(199), w.phase(200)], [Phase::Before, Phase::Open, Phase::Open, Phase::Closed]);
        assert_eq!(w.public_count(47, 150), Some(PublicCount::AtLeast(40)));
        assert_eq!(w.public_count(9, 150), Some(PublicCount::AtLeast(0)));
        assert_eq!(w.public_count(47, 200), Some(PublicCount::Exact(47)));
        assert_eq!(w.public_count(47, 50), None);
        let hidden = Window { count: CountShown::Hidden, ..w };
        assert_eq!(hidden.public_count(47, 150), None);
        assert_eq!(hidden.public_count(47, 250), Some(PublicCount::Exact(47)));
    }

    #[test]
    fn one_mailbox_is_one_voter_and_throwaway_services_are_known() {
        assert_eq!(voter_key(" Aru.Bek+vote1@GMail.com "), "arubek@gmail.com");
        assert_eq!(voter_key("aru.bek@googlemail.com"), "arubek@gmail.com");
        assert_eq!(voter_key("aru.bek+x@mail.kz"), "aru.bek@mail.kz");
        assert!(is_disposable("mailinator.com") && is_disposable("eu.mailinator.com") && is_disposable("YOPMAIL.COM."));
        assert!(!is_disposable("mail.kz") && !is_disposable("notmailinator.com") && !is_disposable("gmail.com"));
        assert_eq!(domain_of("a@Mail.KZ"), "mail.kz");
    }

    #[test]
    fn networks_are_a_24_or_a_48() {
        assert_eq!(network("203.0.113.77".parse().unwrap()), "203.0.113.0/24");
        assert_eq!(network("::ffff:203.0.113.77".parse().unwrap()), "203.0.113.0/24");
        assert_eq!(network("2a02:6b8:0:1::5".parse().unwrap()), "2a02:6b8:0::/48");
    }

    #[test]
    fn votes_from_one_network_in_the_same_minutes_group_and_bursts_are_flagged() {
        let b = |net: &str, at: i64, entry: i64| Ballot { network: net.into(), cast_at: at, entry };
        let mut all: Vec<Ballot> = (0..12).map(|i| b("10.0.0.0/24", 1000 + i * 5, 7)).collect();
        all.push(b("10.0.0.0/24", 1000 + GROUP_SPAN + 1, 7)); // after the span: a new group of one
        all.extend((0..6).map(|i| b("10.0.1.0/24", 5000 + i, 8 + i % 2)));
        all.extend((0..4).map(|i| b("10.0.2.0/24", 5000 + i, 9)));
        all.extend((0..9).map(|i| b(&format!("192.0.{i}.0/24"), 1100 + i, 7)));
        let g = groups(&all);
        assert_eq!(g.len(), 2);
        assert_eq!((g[0].network.as_str(), g[0].from, g[0].to, g[0].votes, g[0].top_entry, g[0].top_votes, g[0].flagged), ("10.0.0.0/24", 1000, 1055, 12, 7, 12, true));
        assert_eq!((g[1].network.as_str(), g[1].votes, g[1].top_votes, g[1].flagged), ("10.0.1.0/24", 6, 3, false));
        // Work 7: 12 + 9 within ten minutes from many networks.
        assert_eq!(bursts(&all), vec![(7, 1000, 21)]);
    }

    #[test]
    fn the_most_votes_win_ties_share_and_no_votes_win_nothing() {
        assert_eq!(winners(&[(1, 3), (2, 5), (3, 5)]), vec![2, 3]);
        assert_eq!(winners(&[(1, 0)]), Vec::<i64>::new());
        assert_eq!(winners(&[]), Vec::<i64>::new());
    }
}
