//! The consortium's codes and the directory through which every pallet asks who someone is.

use super::*;

/// What a member organisation is; it decides what the organisation may do in each pallet.
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
pub enum OrgKind {
	/// An inpatient care provider.
	Hospital,
	/// An outpatient care provider.
	Clinic,
	/// A medical or diagnostic laboratory.
	Laboratory,
	/// A dispensing pharmacy.
	Pharmacy,
	/// A drug manufacturer.
	Manufacturer,
	/// A drug wholesaler or distributor.
	Wholesaler,
	/// A health or drug regulator.
	Regulator,
	/// A health insurer.
	Insurer,
	/// A research institution.
	Research,
	/// A research ethics committee (institutional review board): approves clinical-trial
	/// protocol versions. Registered by governance like every organisation.
	EthicsCommittee,
}

/// What a practitioner does within their organisation.
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
pub enum PractitionerRole {
	/// A licensed physician.
	Physician,
	/// A licensed nurse.
	Nurse,
	/// A licensed pharmacist.
	Pharmacist,
	/// A laboratory technician.
	LabTechnician,
	/// A researcher.
	Researcher,
	/// Administrative staff.
	Administrator,
	/// The organisation's privacy officer, who reviews emergency accesses.
	PrivacyOfficer,
}

/// Standing of a member organisation in the consortium.
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
pub enum OrgStatus {
	/// A member in good standing: it and its practitioners have their rights.
	Active,
	/// Temporarily barred: it and its practitioners have no rights until reinstated.
	Suspended,
	/// Expelled for good: no rights, and it can never be reinstated.
	Revoked,
}

/// What the directory knows of an active practitioner.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct PractitionerInfo {
	/// The organisation the practitioner acts for.
	pub org: OrgId,
	/// That organisation's kind.
	pub org_kind: OrgKind,
	/// The practitioner's role there.
	pub role: PractitionerRole,
}

/// Where an account stands as a practitioner, now.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum PractitionerStanding {
	/// An active practitioner of an active organisation.
	Active(PractitionerInfo),
	/// Registered, but its `valid_until` has passed.
	ValidityEnded,
	/// Registered, but its organisation is suspended or revoked.
	OrganizationInactive,
	/// Not a practitioner of any organisation.
	Unknown,
}

/// The consortium's directory: every pallet asks it who an account is, never storing the answer.
///
/// Answers are current: an organisation that is suspended, or a practitioner whose licence
/// validity has ended, is answered as nobody from that moment on, and each answer costs a fixed
/// number of storage reads whatever the size of the organisation.
pub trait ConsortiumDirectory<AccountId> {
	/// The kind of `org` if it exists and is active.
	fn active_organization(org: OrgId) -> Option<OrgKind>;

	/// Whether `org` is registered, whatever its status.
	fn organization_exists(org: OrgId) -> bool {
		Self::active_organization(org).is_some()
	}

	/// Where `who` stands as a practitioner now, and if not active, why.
	fn practitioner_standing(who: &AccountId) -> PractitionerStanding;

	/// `who` as a practitioner, if it is one now: its validity has not ended and its
	/// organisation is active.
	fn active_practitioner(who: &AccountId) -> Option<PractitionerInfo> {
		match Self::practitioner_standing(who) {
			PractitionerStanding::Active(info) => Some(info),
			_ => None,
		}
	}

	/// Whether `who` is the admin of `org` and `org` is active.
	fn is_active_admin(org: OrgId, who: &AccountId) -> bool;

	/// The active organisation `who` administers, with its kind (an account administers at
	/// most one organisation). An admin acts for its organisation wherever its staff may.
	fn administered_organization(_who: &AccountId) -> Option<(OrgId, OrgKind)> {
		None
	}

	/// The organisation a GS1 code's company prefix is assigned to. `digits` are the code's
	/// digits after its first (after the GTIN-14 indicator digit, or the SSCC-18 extension
	/// digit); the owner is the organisation governance assigned a 6- to 12-digit prefix of
	/// them to. `None` when no assigned prefix matches.
	fn company_prefix_owner(_digits: &[u8]) -> Option<OrgId> {
		None
	}

	/// Whether `who` is an active practitioner of an active organisation of one of `kinds`.
	fn is_practitioner_of_kind(who: &AccountId, kinds: &[OrgKind]) -> bool {
		Self::active_practitioner(who).is_some_and(|p| kinds.contains(&p.org_kind))
	}

	/// Benchmarks and tests of other pallets: registers an active organisation of `kind` with
	/// `admin`, and makes `practitioner` its practitioner with `role`. Returns the organisation.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(
		kind: OrgKind,
		admin: &AccountId,
		practitioner: &AccountId,
		role: PractitionerRole,
	) -> OrgId;

	/// Benchmarks and tests of other pallets: assigns the GS1 company prefix `prefix` (6 to 12
	/// ASCII digits) to `org`, so that [`Self::company_prefix_owner`] answers `org` for codes
	/// starting with it. Does nothing if the prefix cannot be assigned.
	#[cfg(feature = "runtime-benchmarks")]
	fn assign_company_prefix_for_benchmarks(_org: OrgId, _prefix: &[u8]) {}
}
