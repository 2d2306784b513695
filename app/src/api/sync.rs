//! The one door through which everything a phone writes reaches the server:
//! meeting logs, goals, reports and safeguarding concerns, in one request
//! or several. Each item is answered on its own with the protocol of
//! [`crate::model::SyncItem`]; the kinds are received in their order
//! (concerns first, then goals, which a log may name, then logs, then
//! reports), each kind's items written in one transaction.
//!
//! What differs between kinds is said by [`Record`] (in the model) and by
//! `Receive` (here, on the server): who may write for a pair, any check that
//! needs the database, the insert, and what follows a stored record.

use super::AppError;
use crate::model::{SyncAnswer, SyncItem};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Receives items from a phone's outbox (a mentor's; a mentee's own
/// reports), and a report answered on paper that a manager types in. At most [`crate::model::MAX_SYNC_BATCH`] items per request.
#[server(endpoint = "sync", input = Json)]
pub async fn sync_outbox(items: Vec<SyncItem>) -> Result<Vec<SyncAnswer>, AppError> {
    use super::context::*;
    use crate::model::Role;
    respond("sync", async move {
        let (state, user) = (state()?, current_user()?);
        // A manager sends a report answered on paper (see `reports`).
        if ![Role::Mentor, Role::Mentee, Role::Manager]
            .iter()
            .any(|role| user.has_role(*role))
        {
            return Err(AppError::Forbidden);
        }
        receive::receive(&state, &user, items).await
    })
    .await
}

#[cfg(feature = "ssr")]
pub use receive::Receive;

#[cfg(feature = "ssr")]
pub mod receive {
    use super::super::context::{AppState, CurrentUser};
    use super::AppError;
    use crate::model::*;
    use crate::store::pairs::{self, PairAccess};
    use crate::store::{self, Db, Inserted, New, StoreResult, Tx};
    use std::collections::HashMap;
    use std::future::Future;

    /// What a kind of record does on the server beyond its model.
    pub trait Receive: Record + Send + Sync {
        /// Whether `user` may send this record for this pair: by default,
        /// the pair's mentor.
        fn may_write(
            access: &PairAccess,
            user: &CurrentUser,
            _input: &Self::Input,
            _revision: u32,
        ) -> bool {
            access.is_mentor(user.id())
        }

        /// Checks that need the database, one answer per record (`Some`:
        /// refused for these reasons). By default none.
        fn check_stored(
            _db: &Db,
            records: &[&Self],
        ) -> impl Future<Output = StoreResult<Vec<Option<Reasons>>>> + Send {
            let none = vec![None; records.len()];
            async move { Ok(none) }
        }

        /// Stores the records, one answer each, in order.
        fn insert(
            tx: &mut Tx,
            items: &[New<'_, Self>],
        ) -> impl Future<Output = StoreResult<Vec<Inserted>>> + Send;

        /// What follows a record stored now, in its transaction; whether an
        /// email waits to go at once. By default nothing.
        fn stored(
            _state: &AppState,
            _tx: &mut Tx,
            _record: &Self,
        ) -> impl Future<Output = StoreResult<bool>> + Send {
            async { Ok(false) }
        }
    }

    /// Answers every item, in the order given.
    pub async fn receive(
        state: &AppState,
        user: &CurrentUser,
        items: Vec<SyncItem>,
    ) -> Result<Vec<SyncAnswer>, AppError> {
        if items.len() > MAX_SYNC_BATCH {
            return Err(AppError::BadRequest {
                reason: format!("at most {MAX_SYNC_BATCH} items per request"),
            });
        }
        let mut answers: Vec<Option<SyncAnswer>> = vec![None; items.len()];
        let mut kinds: Vec<Kind> = items.iter().map(|i| i.kind).collect();
        kinds.sort();
        kinds.dedup();
        for kind in kinds {
            let of_kind: Vec<(usize, &SyncItem)> = items
                .iter()
                .enumerate()
                .filter(|(_, i)| i.kind == kind)
                .collect();
            let answered = match kind {
                Kind::Concern => receive_kind::<Concern>(state, user, &of_kind).await?,
                Kind::Goal => receive_kind::<Goal>(state, user, &of_kind).await?,
                Kind::MeetingLog => receive_kind::<MeetingLog>(state, user, &of_kind).await?,
                Kind::Report => receive_kind::<Report>(state, user, &of_kind).await?,
            };
            for ((index, _), answer) in of_kind.iter().zip(answered) {
                answers[*index] = Some(answer);
            }
        }
        Ok(answers.into_iter().flatten().collect())
    }

    /// Reads, checks and stores the items of one kind.
    async fn receive_kind<K: Receive>(
        state: &AppState,
        user: &CurrentUser,
        items: &[(usize, &SyncItem)],
    ) -> Result<Vec<SyncAnswer>, AppError> {
        let inputs: Vec<Option<K::Input>> = items.iter().map(|(_, i)| i.input.read()).collect();
        let named: Vec<PairId> = inputs
            .iter()
            .flatten()
            .filter_map(|input| PairId::parse(K::pair_of(input)).ok())
            .collect();
        let access: HashMap<PairId, PairAccess> = pairs::find_many(&state.db, &named)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let latest_date = ValidationContext::latest_date_anywhere(store::now());

        // Every rule first; only what passes goes to the database.
        let mut checked: Vec<Result<K, Reasons>> = items
            .iter()
            .zip(inputs)
            .map(|((_, item), input)| {
                let input = input.ok_or_else(|| Reasons::whole(Problem::Unreadable))?;
                if !revision_in_range(item.revision) || (!K::REVISED && item.revision != 1) {
                    return Err(Reasons::whole(Problem::OutOfRange));
                }
                let pair = PairId::parse(K::pair_of(&input))
                    .ok()
                    .and_then(|id| access.get(&id))
                    .filter(|a| K::may_write(a, user, &input, item.revision))
                    .ok_or_else(|| Reasons::at("pair", Problem::NotYourPair))?;
                let ctx = ValidationContext {
                    latest_date,
                    pair: Some(pair.dates()),
                };
                let record = K::check(&input, &ctx)?;
                if record.content_hash() != item.content_hash {
                    return Err(Reasons::whole(Problem::ContentDamaged));
                }
                Ok(record)
            })
            .collect();
        let passed: Vec<&K> = checked.iter().filter_map(|c| c.as_ref().ok()).collect();
        let mut verdicts = K::check_stored(&state.db, &passed).await?.into_iter();
        for check in checked.iter_mut() {
            if check.is_ok() {
                if let Some(Some(reasons)) = verdicts.next() {
                    *check = Err(reasons);
                }
            }
        }

        let new: Vec<New<K>> = items
            .iter()
            .zip(&checked)
            .filter_map(|((_, item), check)| {
                check.as_ref().ok().map(|record| New {
                    id: item.id,
                    revision: item.revision,
                    author: user.id(),
                    record,
                    content_hash: &item.content_hash,
                })
            })
            .collect();
        let mut tx = state.db.begin().await?;
        let inserted = K::insert(&mut tx, &new).await?;
        let mut mail = false;
        for (item, outcome) in new.iter().zip(&inserted) {
            if *outcome == Inserted::New {
                mail |= K::stored(state, &mut tx, item.record).await?;
            }
        }
        tx.commit().await?;
        if mail {
            state.mail_wakeup.notify_one();
        }

        // `insert` answers once per record it was given, in the same order.
        let mut inserted = inserted.into_iter();
        let answers: Vec<SyncAnswer> = items
            .iter()
            .zip(checked)
            .map(|((_, item), check)| {
                let outcome = match check {
                    Err(errors) => SyncOutcome::Rejected { errors },
                    Ok(_) => outcome(inserted.next()),
                };
                SyncAnswer::to(item, outcome)
            })
            .collect();
        let count = |wanted: fn(&SyncOutcome) -> bool| {
            answers.iter().filter(|a| wanted(&a.outcome)).count() as u64
        };
        let stored = count(|o| *o == SyncOutcome::Stored);
        let kind = K::KIND.to_string();
        let metrics = &state.metrics;
        metrics.sync_items(&kind, "stored", stored);
        metrics.sync_items(
            &kind,
            "already_stored",
            count(|o| *o == SyncOutcome::AlreadyStored),
        );
        metrics.sync_items(&kind, "conflict", count(|o| *o == SyncOutcome::Conflict));
        metrics.sync_items(
            &kind,
            "rejected",
            count(|o| matches!(o, SyncOutcome::Rejected { .. })),
        );
        tracing::info!(author = %user.id(), kind = %K::KIND, received = items.len(), stored, "synced");
        Ok(answers)
    }

    /// The one answer for each way an insert can end.
    fn outcome(inserted: Option<Inserted>) -> SyncOutcome {
        let rejected = |problem| SyncOutcome::Rejected {
            errors: Reasons::whole(problem),
        };
        match inserted {
            Some(Inserted::New) => SyncOutcome::Stored,
            Some(Inserted::Again) => SyncOutcome::AlreadyStored,
            Some(Inserted::MissingRevision) => rejected(Problem::MissingRevision),
            Some(Inserted::Withdrawn) => rejected(Problem::Withdrawn),
            Some(Inserted::Taken) => rejected(Problem::AlreadyUsed),
            Some(Inserted::Conflict) | None => SyncOutcome::Conflict,
        }
    }
}
