//! The data the pallet stores.

use super::*;

/// A set of actions, sorted, without duplicates.
pub type ActionSet = BoundedVec<Action, ConstU32<3>>;
/// A set of data categories, sorted, without duplicates.
pub type CategorySet = BoundedVec<DataCategory, ConstU32<16>>;
/// A set of purposes, sorted, without duplicates.
pub type PurposeSet = BoundedVec<Purpose, ConstU32<8>>;
/// A set of sensitive data categories, sorted, without duplicates.
pub type SensitiveSet = BoundedVec<DataCategory, ConstU32<4>>;

/// Whether a stored consent still decides anything.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum ConsentStatus<AccountId> {
	/// Decides within its validity window.
	Active,
	/// Revoked by `by`; decides nothing any more.
	Revoked {
		/// The controller or guardian who revoked it.
		by: AccountId,
	},
}

/// A consent: the patient lets (or forbids) the grantee do `actions` on `categories` for
/// `purposes` within `[valid_from, valid_until)`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Consent<AccountId> {
	/// The patient who gave it.
	pub patient: PatientId,
	/// Who it is given to.
	pub grantee: Grantee<AccountId>,
	/// Permit or Deny.
	pub decision: Decision,
	/// What it covers.
	pub actions: ActionSet,
	/// Which data.
	pub categories: CategorySet,
	/// For which purposes.
	pub purposes: PurposeSet,
	/// Start of validity (timestamp, ms), if any.
	pub valid_from: Option<Moment>,
	/// End of validity (timestamp, ms, exclusive), if any.
	pub valid_until: Option<Moment>,
	/// Hash of the signed consent document, if any.
	pub policy_hash: Option<H256>,
	/// The controller or guardian who gave it.
	pub granted_by: AccountId,
	/// If `granted_by` gave it as a guardian, the number of that guardianship's appointment
	/// ([`PatientDirectory::guardian_appointment`]): it then decides only while that same
	/// appointment is in force and its scope allows consent, and does not come back if
	/// `granted_by` is appointed again, or made a controller (AUDIT M-8). `None` if a controller
	/// gave it.
	pub guardian_appointment: Option<u32>,
	/// For a Permit to a practitioner, the organisation the practitioner was at when it was
	/// given: it covers them only while they are a practitioner there. `None` otherwise (a Deny
	/// to a practitioner follows them everywhere).
	pub org: Option<OrgId>,
	/// Active or revoked.
	pub status: ConsentStatus<AccountId>,
}

/// A consent in the compact form the access check reads: its sets as bit masks, and what it
/// still depends on (the guardian who gave it, the organisation of the practitioner it is
/// given to).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Rule<AccountId> {
	/// The consent it comes from.
	pub consent: ConsentId,
	/// Permit or Deny.
	pub decision: Decision,
	/// Bit mask of [`Action`]s.
	pub actions: u8,
	/// Bit mask of [`DataCategory`]s.
	pub categories: u16,
	/// Bit mask of [`Purpose`]s.
	pub purposes: u8,
	/// Start of validity (timestamp, ms), if any.
	pub valid_from: Option<Moment>,
	/// End of validity (timestamp, ms, exclusive), if any.
	pub valid_until: Option<Moment>,
	/// The organisation a practitioner must be at for the rule to cover them (see
	/// [`Consent::org`]).
	pub org: Option<OrgId>,
	/// The guardianship the consent was given under, if a guardian gave it: the rule decides
	/// only while that appointment is in force and may consent for the patient.
	pub guardian: Option<Appointment<AccountId>>,
}

/// The guardianship a guardian gave a consent under: who, and which of the patient's guardian
/// appointments ([`PatientDirectory::guardian_appointment`]; never given twice for a patient).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Appointment<AccountId> {
	/// The guardian.
	pub guardian: AccountId,
	/// The number of its appointment.
	pub number: u32,
}

/// Where a time stands against a validity window.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Window {
	/// Before `valid_from`.
	Early,
	/// Inside the window.
	Within,
	/// At or after `valid_until`.
	Ended,
}

/// Where `now` stands against `[from, until)`.
pub fn window(from: Option<Moment>, until: Option<Moment>, now: Moment) -> Window {
	if from.is_some_and(|from| now < from) {
		Window::Early
	} else if until.is_some_and(|until| now >= until) {
		Window::Ended
	} else {
		Window::Within
	}
}

impl<AccountId> Rule<AccountId> {
	/// Whether the rule speaks about this action, category and purpose (whatever the time).
	pub fn covers(&self, action: Action, category: DataCategory, purpose: Purpose) -> bool {
		u32::from(self.actions) & action.bit() != 0
			&& u32::from(self.categories) & category.bit() != 0
			&& u32::from(self.purposes) & purpose.bit() != 0
	}

	/// Where `now` stands against the rule's validity window.
	pub fn window(&self, now: Moment) -> Window {
		window(self.valid_from, self.valid_until, now)
	}

	/// Whether the rule may cover a practitioner who is now at `org`.
	pub fn applies_at(&self, org: OrgId) -> bool {
		self.org.is_none_or(|bound| bound == org)
	}
}

/// A practitioner's request, for their organisation, that the patient grant a consent.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct ConsentRequest<AccountId> {
	/// The patient asked.
	pub patient: PatientId,
	/// The organisation that would be the grantee.
	pub org: OrgId,
	/// The practitioner who asked.
	pub requester: AccountId,
	/// Requested actions.
	pub actions: ActionSet,
	/// Requested categories.
	pub categories: CategorySet,
	/// Requested purposes.
	pub purposes: PurposeSet,
	/// Requested end of validity, if any.
	pub valid_until: Option<Moment>,
	/// Hash of the request's explanation, kept off chain.
	pub note_hash: H256,
	/// When the request lapses unanswered (timestamp, ms).
	pub expires_at: Moment,
}

/// The outcome of an emergency access's review.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Review<AccountId> {
	/// The privacy officer or patient controller who reviewed it.
	pub by: AccountId,
	/// Whether the access was justified.
	pub justified: bool,
	/// When it was reviewed (timestamp, ms); an unjustified access bars its practitioner from
	/// breaking the glass on the patient until `EmergencyBarPeriod` after this.
	pub at: Moment,
}

/// A break-glass access by a physician or nurse.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct EmergencyAccess<AccountId> {
	/// The patient.
	pub patient: PatientId,
	/// The practitioner who invoked it.
	pub accessor: AccountId,
	/// The practitioner's organisation, whose privacy officer reviews it.
	pub org: OrgId,
	/// Hash of the written justification, kept off chain.
	pub justification_hash: H256,
	/// When it was invoked (timestamp, ms).
	pub invoked_at: Moment,
	/// When it ends (timestamp, ms, exclusive); brought forward to the review if unjustified.
	pub expires_at: Moment,
	/// The review, once done.
	pub review: Option<Review<AccountId>>,
}

/// A request as dApps see it.
pub type RequestView<AccountId> = (RequestId, ConsentRequest<AccountId>);

/// An emergency access as dApps see it.
pub type EmergencyAccessView<AccountId> = (EmergencyAccessId, EmergencyAccess<AccountId>);

/// What a patient lets emergency (break-glass) access reach. Without a stored preference:
/// `Allowed` with no sensitive category.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum EmergencyPreference {
	/// Emergency access reads the non-sensitive categories, and these sensitive ones the
	/// patient opted in to.
	Allowed {
		/// The sensitive categories emergency access may read too (sorted, no duplicates).
		sensitive: SensitiveSet,
	},
	/// Nobody may break the glass on the patient, and accesses already invoked allow nothing.
	Refused,
}

impl EmergencyPreference {
	/// The bit mask of the categories emergency access may read, or `None` if it is refused.
	pub fn reach(&self) -> Option<u32> {
		match self {
			EmergencyPreference::Allowed { sensitive } => {
				Some(sensitive.iter().fold(!DataCategory::SENSITIVE_MASK, |m, c| m | c.bit()))
			}
			EmergencyPreference::Refused => None,
		}
	}
}
