//! Consent codes (FHIR Consent semantics, HL7 v3 PurposeOfUse) and the one access check that
//! the runtime API and the Records pallet share.

use super::*;
use alloc::vec::Vec;

/// Derives shared by the consent codes: SCALE, metadata, ordering (sets are kept sorted) and
/// JSON (genesis presets, runtime API answers).
macro_rules! code_enum {
	($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident,)* }) => {
		$(#[$meta])*
		#[derive(
			Encode,
			Decode,
			DecodeWithMemTracking,
			MaxEncodedLen,
			TypeInfo,
			Clone,
			Copy,
			PartialEq,
			Eq,
			PartialOrd,
			Ord,
			Debug,
			serde::Serialize,
			serde::Deserialize,
		)]
		pub enum $name { $($(#[$vmeta])* $variant,)* }

		impl $name {
			/// Every value, in declaration order.
			pub const ALL: &'static [$name] = &[$($name::$variant,)*];

			/// The value's bit in a set mask (declaration order).
			pub const fn bit(self) -> u32 {
				1u32 << (self as u32)
			}
		}
	};
}

code_enum! {
	/// What a grantee may do with a patient's data.
	pub enum Action {
		/// Read records (fetch key envelopes, log accesses).
		Read,
		/// Add records for the patient.
		Write,
		/// Pass records on to a third party.
		Share,
	}
}

code_enum! {
	/// Kinds of health data. The last four are *sensitive*: only a consent that names them
	/// covers them, and emergency access never does.
	pub enum DataCategory {
		/// Administrative details (no identifiers are on chain; this labels off-chain data).
		Demographics,
		/// Problems and diagnoses.
		Conditions,
		/// Prescriptions and medication statements.
		Medications,
		/// Allergies and intolerances.
		Allergies,
		/// Vaccinations.
		Immunizations,
		/// Laboratory results.
		LabResults,
		/// Imaging studies and reports.
		Imaging,
		/// Clinical notes.
		ClinicalNotes,
		/// Procedures performed.
		Procedures,
		/// Vital signs.
		Vitals,
		/// Data from wearable devices.
		Wearables,
		/// Billing and claims.
		Billing,
		/// Mental health (sensitive).
		MentalHealth,
		/// Substance use (sensitive).
		SubstanceUse,
		/// Genomic data (sensitive).
		Genomics,
		/// Sexual and reproductive health (sensitive).
		SexualReproductive,
	}
}

impl DataCategory {
	/// The bits (see [`DataCategory::bit`]) of the sensitive categories.
	pub const SENSITIVE_MASK: u32 = DataCategory::MentalHealth.bit()
		| DataCategory::SubstanceUse.bit()
		| DataCategory::Genomics.bit()
		| DataCategory::SexualReproductive.bit();

	/// Whether only an explicit mention covers this category.
	pub const fn is_sensitive(self) -> bool {
		matches!(
			self,
			DataCategory::MentalHealth
				| DataCategory::SubstanceUse
				| DataCategory::Genomics
				| DataCategory::SexualReproductive
		)
	}
}

code_enum! {
	/// Why data is used (HL7 v3 PurposeOfUse).
	pub enum Purpose {
		/// TREAT: treatment.
		Treatment,
		/// ETREAT: emergency treatment.
		EmergencyTreatment,
		/// HPAYMT: payment.
		Payment,
		/// HOPERAT: healthcare operations.
		Operations,
		/// HRESCH: research.
		Research,
		/// PUBHLTH: public health.
		PublicHealth,
		/// PATRQT: at the patient's request.
		PatientRequest,
		/// FAMRQT: at the family's request.
		FamilyRequest,
	}
}

code_enum! {
	/// Whether a consent allows or forbids.
	pub enum Decision {
		/// Allows what it describes.
		Permit,
		/// Forbids what it describes; a matching Deny always wins over any Permit.
		Deny,
	}
}

/// Who a consent is given to.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Grantee<AccountId> {
	/// An organisation: each of its practitioners while they are active and it is active.
	Organization(OrgId),
	/// One practitioner, while active.
	Practitioner(AccountId),
}

/// Why access is refused, phrased so that the person asking knows what to do next.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum DenyReason {
	/// The patient is unknown or deactivated: nothing can be granted for them.
	PatientInactive,
	/// The accessor is not a practitioner of any consortium organisation.
	NotAPractitioner,
	/// The accessor's practitioner registration has passed its end of validity.
	PractitionerExpired,
	/// The accessor's organisation is suspended or revoked.
	OrganizationInactive,
	/// The patient recorded a Deny that covers this access.
	DeniedByPatient,
	/// A consent would cover this access but its validity window has ended (and none that
	/// would is still to come).
	Expired,
	/// A consent would cover this access but its validity window has not started: the access
	/// comes back by itself. Answered before `Expired` when both apply.
	NotYetValid,
	/// The category is sensitive and no consent names it: ask the patient for one that does.
	SensitiveCategory,
	/// No consent covers this access: request one from the patient.
	NoConsent,
}

/// The answer of an access check.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum AccessDecision {
	/// Allowed by this consent.
	Permit {
		/// The consent that allows it.
		consent: ConsentId,
	},
	/// Allowed by this emergency (break-glass) access, which must be reviewed.
	Emergency {
		/// The emergency access.
		id: EmergencyAccessId,
	},
	/// Refused.
	Deny {
		/// Why.
		reason: DenyReason,
	},
}

impl AccessDecision {
	/// Whether access is allowed.
	pub fn is_allowed(&self) -> bool {
		!matches!(self, AccessDecision::Deny { .. })
	}
}

/// The access check, one implementation for the runtime API and for every pallet that needs it.
pub trait ConsentCheck<AccountId> {
	/// May `accessor` do `action` on the patient's `category` data for `purpose`, now?
	fn check_access(
		patient: &PatientId,
		accessor: &AccountId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision;

	/// [`Self::check_access`], together with the accessor's organisation when the accessor is an
	/// active practitioner (so that a caller recording who acted needs no second look-up).
	fn check_access_with_org(
		patient: &PatientId,
		accessor: &AccountId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> (AccessDecision, Option<OrgId>);

	/// May the organisation `org` itself (its service, e.g. a records gateway reading on its
	/// staff's behalf) do `action` on the patient's `category` data for `purpose`, now? Only
	/// consents to the organisation count (never one to a practitioner), the organisation must
	/// be active, and emergency access never allows it.
	fn check_org_access(
		patient: &PatientId,
		org: OrgId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision;

	/// Whether the consent `consent` is current: stored, not revoked, and within its validity
	/// window now. (Whether it decides an access also depends on the rest of the check: a Deny,
	/// the grantee's and the patient's standing, a guardian's; `ConsentState::InForce` says
	/// all of it.) A key envelope lasts only while the consent it was shared under is current.
	fn consent_current(consent: ConsentId) -> bool;

	/// Benchmarks of other pallets: makes the check allow this access (`Permit` or `Emergency`)
	/// for the registered `patient` and active practitioner `accessor`, along the check's
	/// longest path for it: both rule lists the check reads full of rules that cover the access
	/// but whose guardian no longer stands (all found in one look-up), and, where emergency access can
	/// allow the access (an emergency-treatment read by a physician or nurse of a hospital or
	/// clinic; sensitive categories through the patient's opt-in, which is set up), no consent
	/// permitting it and an emergency access of the accessor deciding; otherwise a Permit given
	/// by a guardian in force last of the full lists. A benchmark that wants the emergency read
	/// must ask for such an access.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_permit(
		patient: &PatientId,
		accessor: &AccountId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	);
}

/// What other pallets do when a consent is revoked: the Records pallet removes the key envelopes
/// the consent justified (SPEC §7.2). The revoking call pays for at most [`Self::max_removed`]
/// removals and refunds what it did not use; what is left is removed in pages by
/// the implementor's own call, driven by the patient's side.
pub trait OnConsentRevoked {
	/// Removes what `consent` of `patient` justified, at most [`Self::max_removed`] items, and
	/// says how many it removed.
	fn on_consent_revoked(patient: &PatientId, consent: ConsentId) -> u32;

	/// The most items one revocation removes.
	fn max_removed() -> u32;

	/// The weight of [`Self::on_consent_revoked`] when it removes `removed` items.
	fn weight(removed: u32) -> frame_support::weights::Weight;
}

impl OnConsentRevoked for () {
	fn on_consent_revoked(_patient: &PatientId, _consent: ConsentId) -> u32 {
		0
	}

	fn max_removed() -> u32 {
		0
	}

	fn weight(_removed: u32) -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// Where a consent stands now.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ConsentState {
	/// Within its validity window and not revoked: it decides.
	InForce,
	/// Its window has not started yet.
	NotYetValid,
	/// Its window has ended (no call was needed).
	Expired,
	/// Revoked; it decides nothing and may be purged.
	Revoked,
	/// The patient is deactivated: it decides nothing any more and may be purged.
	PatientInactive,
	/// A guardian gave it and no longer may consent for the patient (the guardianship ended,
	/// was removed, or its scope no longer allows consent): it decides nothing and may be
	/// purged. (It would decide again if the same account were given consent rights again.)
	GuardianshipEnded,
	/// A Permit to a practitioner who is no longer a practitioner of the organisation it was
	/// given under: it covers them again only if they are back there.
	GranteeLeftOrganization,
	/// The grantee has no rights now (a suspended or revoked organisation, a practitioner
	/// whose validity ended or whose organisation is inactive); it decides again if they are
	/// reinstated.
	GranteeInactive,
}

/// A consent as dApps see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ConsentView<AccountId> {
	/// Its id.
	pub id: ConsentId,
	/// The patient who gave it.
	pub patient: PatientId,
	/// Who it is given to.
	pub grantee: Grantee<AccountId>,
	/// Permit or Deny.
	pub decision: Decision,
	/// What it covers, sorted.
	pub actions: Vec<Action>,
	/// Which data, sorted.
	pub categories: Vec<DataCategory>,
	/// For which purposes, sorted.
	pub purposes: Vec<Purpose>,
	/// Start of validity (timestamp, ms), if any.
	pub valid_from: Option<Moment>,
	/// End of validity (timestamp, ms, exclusive), if any.
	pub valid_until: Option<Moment>,
	/// Hash of the signed consent document, if any.
	pub policy_hash: Option<sp_core::H256>,
	/// The controller or guardian who gave it.
	pub granted_by: AccountId,
	/// Where it stands now.
	pub state: ConsentState,
}

/// The most access checks one `ConsentApi::check_access_many` call answers.
pub const MAX_ACCESS_QUERIES: u32 = 256;

/// One question for `ConsentApi::check_access_many`: the arguments of `check_access`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct AccessQuery<AccountId> {
	/// The patient whose data would be reached.
	pub patient: PatientId,
	/// Who would reach it.
	pub accessor: AccountId,
	/// Read or write.
	pub action: Action,
	/// The data category.
	pub category: DataCategory,
	/// Why.
	pub purpose: Purpose,
}

sp_api::decl_runtime_apis! {
	/// Consent questions for dApps and integrators.
	///
	/// Version 2 pages the lists: `from` is the first consent id wanted (0 for the start, the
	/// last id seen plus one for the next page), `limit` the most consents wanted; a page holds
	/// at most the runtime's `MaxPageSize` consents, in order of id, whatever `limit` asks.
	/// Version 3 adds `check_access_many`, many checks in one call.
	#[api_version(3)]
	pub trait ConsentApi<AccountId> where AccountId: codec::Codec {
		/// May `accessor` do `action` on the patient's `category` data for `purpose`, now? The
		/// same check the chain applies; its cost does not depend on how many consents exist.
		fn check_access(
			patient: PatientId,
			accessor: AccountId,
			action: Action,
			category: DataCategory,
			purpose: Purpose,
		) -> AccessDecision;

		/// The answers of `check_access` to each of `queries`, in order, all at the same
		/// block: at most the first [`MAX_ACCESS_QUERIES`] are answered (the answer is then
		/// shorter than the question; ask for the rest in another call).
		#[api_version(3)]
		fn check_access_many(queries: Vec<AccessQuery<AccountId>>) -> Vec<AccessDecision>;

		/// One page of the patient's stored consents (in force or not, until purged), in order
		/// of id from `from`.
		fn consents_of(
			patient: PatientId,
			from: ConsentId,
			limit: u32,
		) -> Vec<ConsentView<AccountId>>;

		/// Every stored consent of the patient, unpaged (version 1).
		#[changed_in(2)]
		fn consents_of(patient: PatientId) -> Vec<ConsentView<AccountId>>;

		/// One page of the stored consents given to `grantee` (in force or not, until purged),
		/// in order of id from `from`.
		fn grants_to(
			grantee: Grantee<AccountId>,
			from: ConsentId,
			limit: u32,
		) -> Vec<ConsentView<AccountId>>;

		/// Every stored consent given to `grantee`, unpaged (version 1).
		#[changed_in(2)]
		fn grants_to(grantee: Grantee<AccountId>) -> Vec<ConsentView<AccountId>>;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn exactly_four_categories_are_sensitive() {
		let sensitive: Vec<_> =
			DataCategory::ALL.iter().copied().filter(|c| c.is_sensitive()).collect();
		assert_eq!(
			sensitive,
			vec![
				DataCategory::MentalHealth,
				DataCategory::SubstanceUse,
				DataCategory::Genomics,
				DataCategory::SexualReproductive
			]
		);
	}

	#[test]
	fn the_sensitive_mask_holds_exactly_the_sensitive_categories() {
		for c in DataCategory::ALL {
			assert_eq!(DataCategory::SENSITIVE_MASK & c.bit() != 0, c.is_sensitive(), "{c:?}");
		}
	}

	#[test]
	fn bits_are_distinct() {
		assert_eq!(DataCategory::ALL.len(), 16);
		let mask = DataCategory::ALL.iter().fold(0u32, |m, c| m | c.bit());
		assert_eq!(mask, 0xFFFF);
		assert_eq!(Purpose::ALL.iter().fold(0u32, |m, p| m | p.bit()), 0xFF);
		assert_eq!(Action::ALL.iter().fold(0u32, |m, a| m | a.bit()), 0b111);
	}
}
