//! Matching mentors with mentees: the *administrative* matching (a score for
//! each mentor that explains itself), and the *preference* matching of the
//! Hungarian pilot's speed-meeting (each side ranks the other; the app
//! proposes the assignment that best satisfies both, within each mentor's
//! free places).

use super::ids::CandidateId;
use super::recruitment::Slot;
use super::role::Typology;
use serde::{Deserialize, Serialize};

/// What matching needs to know of a person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchProfile {
    pub id: CandidateId,
    pub name: String,
    pub languages: Vec<String>,
    pub area: String,
    pub availability: Vec<Slot>,
    /// Mentors: a parent (a peer mentor) or not.
    pub is_parent: bool,
    /// Mentors: how many more mentees they can take.
    pub free_places: u32,
}

/// One reason in a mentor's score, with its points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScoreReason {
    SharedLanguage(String),
    SameArea,
    /// How many of the mentee's times the mentor shares.
    SharedTimes(u32),
    /// A parent, as a peer programme asks.
    PeerMentor,
    /// Not a parent, as a non-peer programme asks.
    ProfessionalMentor,
    /// Not the kind of mentor the programme's typology asks for.
    TypologyMismatch,
    FreePlaces(u32),
}

impl ScoreReason {
    pub fn points(&self) -> i32 {
        match self {
            ScoreReason::SharedLanguage(_) => 3,
            ScoreReason::SameArea => 2,
            ScoreReason::SharedTimes(n) => (*n).min(2) as i32,
            ScoreReason::PeerMentor | ScoreReason::ProfessionalMentor => 2,
            ScoreReason::TypologyMismatch => -3,
            ScoreReason::FreePlaces(n) => (*n).min(2) as i32,
        }
    }
}

/// A mentor suggested for a mentee, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub mentor: CandidateId,
    pub name: String,
    pub score: i32,
    pub reasons: Vec<ScoreReason>,
    /// The mentor has a free place.
    pub available: bool,
}

/// The score of one mentor for one mentee, reason by reason.
pub fn score(mentee: &MatchProfile, mentor: &MatchProfile, typology: Typology) -> Suggestion {
    let mut reasons = Vec::new();
    if let Some(language) = mentee
        .languages
        .iter()
        .find(|l| mentor.languages.iter().any(|m| m.eq_ignore_ascii_case(l)))
    {
        reasons.push(ScoreReason::SharedLanguage(language.clone()));
    }
    if !mentee.area.trim().is_empty() && mentee.area.trim().eq_ignore_ascii_case(mentor.area.trim())
    {
        reasons.push(ScoreReason::SameArea);
    }
    let shared = mentee
        .availability
        .iter()
        .filter(|s| mentor.availability.contains(s))
        .count() as u32;
    if shared > 0 {
        reasons.push(ScoreReason::SharedTimes(shared));
    }
    match (typology, mentor.is_parent) {
        (Typology::Peer, true) => reasons.push(ScoreReason::PeerMentor),
        (Typology::NonPeer, false) => reasons.push(ScoreReason::ProfessionalMentor),
        (Typology::Peer, false) | (Typology::NonPeer, true) => {
            reasons.push(ScoreReason::TypologyMismatch)
        }
        (Typology::Both, _) => {}
    }
    if mentor.free_places > 0 {
        reasons.push(ScoreReason::FreePlaces(mentor.free_places));
    }
    Suggestion {
        mentor: mentor.id,
        name: mentor.name.clone(),
        score: reasons.iter().map(ScoreReason::points).sum(),
        reasons,
        available: mentor.free_places > 0,
    }
}

/// Every mentor for a mentee, best first (available ones before full ones).
pub fn rank_mentors(
    mentee: &MatchProfile,
    mentors: &[MatchProfile],
    typology: Typology,
) -> Vec<Suggestion> {
    let mut suggestions: Vec<Suggestion> =
        mentors.iter().map(|m| score(mentee, m, typology)).collect();
    suggestions.sort_by(|a, b| {
        b.available
            .cmp(&a.available)
            .then(b.score.cmp(&a.score))
            .then(a.name.cmp(&b.name))
    });
    suggestions
}

/// The choices recorded at a speed-meeting: each person's ranking of the
/// other side, best first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub mentees: Vec<(CandidateId, Vec<CandidateId>)>,
    pub mentors: Vec<(CandidateId, Vec<CandidateId>)>,
}

impl Preferences {
    /// The rank (1 = first choice) `who` gave `whom`, if any.
    pub fn rank(
        list: &[(CandidateId, Vec<CandidateId>)],
        who: CandidateId,
        whom: CandidateId,
    ) -> Option<u32> {
        list.iter()
            .find(|(id, _)| *id == who)
            .and_then(|(_, ranked)| ranked.iter().position(|r| *r == whom))
            .map(|p| p as u32 + 1)
    }

    /// The ranking `who` gave, best first (empty when none was recorded).
    pub fn ranking(list: &[(CandidateId, Vec<CandidateId>)], who: CandidateId) -> Vec<CandidateId> {
        list.iter()
            .find(|(id, _)| *id == who)
            .map(|(_, ranked)| ranked.clone())
            .unwrap_or_default()
    }
}

/// One proposed pair, with the rank each side gave the other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedPair {
    pub mentee: CandidateId,
    pub mentor: CandidateId,
    /// The rank the mentee gave this mentor.
    pub mentee_rank: Option<u32>,
    /// The rank the mentor gave this mentee.
    pub mentor_rank: Option<u32>,
}

/// The assignment that best satisfies both sides: the sum of the ranks each
/// side gave the other is as small as it can be (an unranked person counts
/// as ranked after everyone), every mentee who can have a mentor gets one,
/// and no mentor gets more mentees than free places. An optimal assignment
/// (Kuhn-Munkres) over the mentors' places.
#[cfg(feature = "ssr")]
pub fn propose(
    mentees: &[CandidateId],
    mentors: &[(CandidateId, u32)],
    preferences: &Preferences,
) -> Vec<ProposedPair> {
    use pathfinding::kuhn_munkres::kuhn_munkres;
    use pathfinding::matrix::Matrix;
    let slots: Vec<CandidateId> = mentors
        .iter()
        .flat_map(|(id, places)| std::iter::repeat_n(*id, *places as usize))
        .collect();
    if mentees.is_empty() || slots.is_empty() {
        return Vec::new();
    }
    // Worse than any given rank.
    let unranked = (mentees.len().max(mentors.len()) + 1) as i64;
    let cost = |mentee: CandidateId, mentor: CandidateId| {
        let by_mentee =
            Preferences::rank(&preferences.mentees, mentee, mentor).map_or(unranked, i64::from);
        let by_mentor =
            Preferences::rank(&preferences.mentors, mentor, mentee).map_or(unranked, i64::from);
        by_mentee + by_mentor
    };
    // Every real pairing weighs more than none (a dummy place, weight 0),
    // so as many mentees as possible are matched.
    let ceiling = 2 * unranked + 1;
    let columns = slots.len().max(mentees.len());
    let rows: Vec<Vec<i64>> = mentees
        .iter()
        .map(|mentee| {
            (0..columns)
                .map(|c| {
                    slots
                        .get(c)
                        .map_or(0, |mentor| ceiling - cost(*mentee, *mentor))
                })
                .collect()
        })
        .collect();
    let Ok(matrix) = Matrix::from_rows(rows) else {
        return Vec::new();
    };
    let (_, assignment) = kuhn_munkres(&matrix);
    let mut proposed: Vec<ProposedPair> = mentees
        .iter()
        .zip(assignment)
        .filter_map(|(mentee, column)| {
            let mentor = *slots.get(column)?;
            Some(ProposedPair {
                mentee: *mentee,
                mentor,
                mentee_rank: Preferences::rank(&preferences.mentees, *mentee, mentor),
                mentor_rank: Preferences::rank(&preferences.mentors, mentor, *mentee),
            })
        })
        .collect();
    proposed.sort_by_key(|p| (p.mentor, p.mentee));
    proposed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    fn ids(n: usize) -> Vec<CandidateId> {
        (0..n).map(|_| CandidateId::new()).collect()
    }

    #[test]
    fn a_mentor_who_shares_language_area_and_times_ranks_first_and_says_why() {
        let mentee = MatchProfile {
            id: CandidateId::new(),
            name: "Ioana".into(),
            languages: vec!["Romani".into(), "Romanian".into()],
            area: "Mănăștur".into(),
            availability: vec![Slot::WeekdayMornings, Slot::Weekends],
            ..MatchProfile::default()
        };
        let close = MatchProfile {
            id: CandidateId::new(),
            name: "Elena".into(),
            languages: vec!["romani".into()],
            area: "mănăștur".into(),
            availability: vec![Slot::Weekends],
            is_parent: true,
            free_places: 1,
        };
        let far = MatchProfile {
            id: CandidateId::new(),
            name: "Andrei".into(),
            languages: vec!["English".into()],
            area: "Gheorgheni".into(),
            availability: vec![Slot::WeekdayEvenings],
            is_parent: false,
            free_places: 2,
        };
        let full = MatchProfile {
            free_places: 0,
            name: "Zoe".into(),
            id: CandidateId::new(),
            ..close.clone()
        };

        let ranked = rank_mentors(
            &mentee,
            &[far.clone(), full.clone(), close.clone()],
            Typology::Peer,
        );

        assert_eq!(
            ranked.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            vec!["Elena", "Andrei", "Zoe"]
        );
        assert_eq!(
            ranked[0].reasons,
            vec![
                ScoreReason::SharedLanguage("Romani".into()),
                ScoreReason::SameArea,
                ScoreReason::SharedTimes(1),
                ScoreReason::PeerMentor,
                ScoreReason::FreePlaces(1)
            ]
        );
        assert_eq!(ranked[0].score, 3 + 2 + 1 + 2 + 1);
        assert!(ranked[1].reasons.contains(&ScoreReason::TypologyMismatch));
        assert!(!ranked[2].available);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn when_both_sides_agree_everyone_gets_their_first_choice() {
        let (e, m) = (ids(3), ids(3));
        let prefs = Preferences {
            mentees: vec![
                (e[0], vec![m[0], m[1], m[2]]),
                (e[1], vec![m[1], m[0], m[2]]),
                (e[2], vec![m[2], m[1], m[0]]),
            ],
            mentors: vec![(m[0], vec![e[0]]), (m[1], vec![e[1]]), (m[2], vec![e[2]])],
        };

        let pairs = propose(&e, &[(m[0], 1), (m[1], 1), (m[2], 1)], &prefs);

        assert_eq!(pairs.len(), 3);
        for p in &pairs {
            assert_eq!((p.mentee_rank, p.mentor_rank), (Some(1), Some(1)), "{p:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_popular_mentor_with_one_place_goes_to_the_pair_that_loses_least_elsewhere() {
        // Both mentees want m0 first; m0 prefers e1. e0's second choice is
        // m1, who ranks e0 first: the best total is e1-m0, e0-m1.
        let (e, m) = (ids(2), ids(2));
        let prefs = Preferences {
            mentees: vec![(e[0], vec![m[0], m[1]]), (e[1], vec![m[0], m[1]])],
            mentors: vec![(m[0], vec![e[1], e[0]]), (m[1], vec![e[0], e[1]])],
        };

        let pairs = propose(&e, &[(m[0], 1), (m[1], 1)], &prefs);

        let of = |mentee| pairs.iter().find(|p| p.mentee == mentee).unwrap().mentor;
        assert_eq!(of(e[1]), m[0]);
        assert_eq!(of(e[0]), m[1]);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_mentor_gets_no_more_mentees_than_free_places_and_the_rest_wait() {
        let (e, m) = (ids(3), ids(1));
        let prefs = Preferences {
            mentees: e.iter().map(|id| (*id, vec![m[0]])).collect(),
            mentors: vec![(m[0], vec![e[2], e[0], e[1]])],
        };

        let pairs = propose(&e, &[(m[0], 2)], &prefs);

        let mut matched: Vec<CandidateId> = pairs.iter().map(|p| p.mentee).collect();
        matched.sort();
        let mut expected = vec![e[2], e[0]];
        expected.sort();
        assert_eq!(matched, expected, "the mentor's two first choices");
        assert!(pairs.iter().all(|p| p.mentor == m[0]));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn people_who_ranked_nobody_are_still_matched_where_there_is_room() {
        let (e, m) = (ids(2), ids(2));

        let pairs = propose(&e, &[(m[0], 1), (m[1], 1)], &Preferences::default());

        assert_eq!(pairs.len(), 2);
        assert!(pairs
            .iter()
            .all(|p| p.mentee_rank.is_none() && p.mentor_rank.is_none()));
        assert_ne!(pairs[0].mentor, pairs[1].mentor);
    }
}
