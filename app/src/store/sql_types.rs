//! How the domain's typed ids and keys are stored: ids as native `uuid` in
//! PostgreSQL and as text in SQLite; closed vocabularies as their text keys.

use crate::model::*;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Postgres, Sqlite, Type};
use uuid::Uuid;

macro_rules! uuid_column {
    ($($t:ty),*) => {$(
        impl Type<Sqlite> for $t {
            fn type_info() -> SqliteTypeInfo {
                <String as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <String as Type<Sqlite>>::compatible(ty)
            }
        }
        impl<'q> Encode<'q, Sqlite> for $t {
            fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
                <String as Encode<'q, Sqlite>>::encode(self.to_string(), buf)
            }
        }
        impl<'r> Decode<'r, Sqlite> for $t {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <&str as Decode<'r, Sqlite>>::decode(value)?;
                Ok(<$t>::from_uuid(Uuid::parse_str(text)?))
            }
        }
        impl Type<Postgres> for $t {
            fn type_info() -> PgTypeInfo {
                <Uuid as Type<Postgres>>::type_info()
            }
        }
        impl<'q> Encode<'q, Postgres> for $t {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <Uuid as Encode<'q, Postgres>>::encode_by_ref(&self.as_uuid(), buf)
            }
        }
        impl<'r> Decode<'r, Postgres> for $t {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<$t>::from_uuid(<Uuid as Decode<'r, Postgres>>::decode(value)?))
            }
        }
    )*};
}

uuid_column!(
    UserId,
    OrganisationId,
    ProgrammeId,
    PairId,
    MeetingLogId,
    ReportId,
    GoalId,
    CandidateId,
    InvitationId,
    TrainingId,
    SelfAssessmentItemId,
    ScreeningRequirementId,
    RefereeId,
    CheckInId,
    GroupMeetingId,
    AgendaItemId,
    ConcernId,
    ConcernActionId,
    NotificationId,
    EmailId,
    ConsentId,
    PairChangeId
);

macro_rules! key_column {
    ($($t:ty),*) => {$(
        impl Type<Sqlite> for $t {
            fn type_info() -> SqliteTypeInfo {
                <String as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <String as Type<Sqlite>>::compatible(ty)
            }
        }
        impl<'q> Encode<'q, Sqlite> for $t {
            fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
                <&str as Encode<'q, Sqlite>>::encode(self.key(), buf)
            }
        }
        impl<'r> Decode<'r, Sqlite> for $t {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<&str as Decode<'r, Sqlite>>::decode(value)?.parse::<$t>()?)
            }
        }
        impl Type<Postgres> for $t {
            fn type_info() -> PgTypeInfo {
                <String as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &PgTypeInfo) -> bool {
                <String as Type<Postgres>>::compatible(ty)
            }
        }
        impl<'q> Encode<'q, Postgres> for $t {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <&str as Encode<'q, Postgres>>::encode_by_ref(&self.key(), buf)
            }
        }
        impl<'r> Decode<'r, Postgres> for $t {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<&str as Decode<'r, Postgres>>::decode(value)?.parse::<$t>()?)
            }
        }
    )*};
}

key_column!(
    Role,
    PairStatus,
    Typology,
    MeetingForm,
    ProgrammeFormat,
    MeetingFrequency,
    MeasureState,
    CandidateKind,
    Stage,
    Gender,
    RoleWithChild,
    Employment,
    ConsentHow,
    ContactWay,
    ConsentPurpose,
    TrainingFormat,
    Moment,
    Side,
    EndKind,
    DropReason,
    ReportKind,
    Respondent,
    GoalProgress,
    CheckKind,
    CheckState,
    ConcernAbout,
    ConcernActionKind,
    EventKind,
    NarrativeSection,
    Question
);
