//! The manager's home: every pair of their programmes at a glance, with
//! the alerts that say what needs doing.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The pairs the query keeps (a page of them), and every alert of the
/// person's programmes, most urgent first.
#[server(endpoint = "manager/dashboard", input = Json)]
pub async fn manager_dashboard(query: DashboardQuery) -> Result<Dashboard, AppError> {
    use super::context::*;
    respond("manager/dashboard", async move {
        let (state, user) = require(Role::Manager)?;
        Ok(build(&reads(&state).await, user.id(), &query, today()).await?)
    })
    .await
}

/// The dashboard of `manager` on `today`, read from `db` (the benchmark
/// calls it too).
#[cfg(feature = "ssr")]
pub async fn build(
    db: &crate::store::Db,
    manager: UserId,
    query: &DashboardQuery,
    today: chrono::NaiveDate,
) -> Result<Dashboard, crate::store::StoreError> {
    let facts = super::context::manager_facts(db, manager).await?;
    let programmes: Vec<(ProgrammeId, String)> = crate::store::programmes::of_manager(db, manager)
        .await?
        .into_iter()
        .map(|p| (p.id, p.settings.name))
        .collect();
    let managed: Vec<ProgrammeId> = programmes.iter().map(|(id, _)| *id).collect();
    let screening = crate::store::screening::alerts_of(db, &managed, today).await?;
    let rows: Vec<DashboardRow> = facts
        .iter()
        .map(|pair| DashboardRow::new(pair.clone(), today))
        .collect();
    let mut alerts = alert_lines(&rows);
    let alert_total = alerts.len();
    alerts.truncate(DASHBOARD_ALERTS);
    let total = rows.len();
    let (rows, matching, pages) = arrange(rows, query, today);
    Ok(Dashboard {
        today,
        programmes,
        alerts,
        alert_total,
        rows,
        matching,
        total,
        page: query.page.clamp(1, pages),
        pages,
        screening,
    })
}
