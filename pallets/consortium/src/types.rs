//! The consortium registry's stored types.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use medchain_primitives::{Moment, OrgId, OrgKind, OrgStatus, PractitionerRole};
use scale_info::TypeInfo;
use sp_core::{Get, H256};

/// A member organisation.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxNameLength))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct Organization<AccountId, MaxNameLength: Get<u32>> {
	/// The account that manages the organisation's practitioners.
	pub admin: AccountId,
	/// What the organisation is.
	pub kind: OrgKind,
	/// Its standing in the consortium.
	pub status: OrgStatus,
	/// Its public name (UTF-8).
	pub name: BoundedVec<u8, MaxNameLength>,
	/// Hash of its operating licence reference; the reference itself stays off chain.
	pub license_hash: H256,
	/// How many practitioners it has.
	pub practitioners: u32,
}

/// A practitioner: an account acting for one organisation.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Practitioner {
	/// The organisation the practitioner acts for.
	pub org: OrgId,
	/// What the practitioner does there.
	pub role: PractitionerRole,
	/// Hash of the professional licence number; the number itself stays off chain.
	pub license_hash: H256,
	/// When the practitioner's rights end (timestamp, ms), if they do.
	pub valid_until: Option<Moment>,
}

/// A bounded organisation name, as stored.
pub type OrganizationName<T> = BoundedVec<u8, <T as crate::Config>::MaxNameLength>;

/// An organisation's offer of a practitioner's place to an account, pending its acceptance.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Invitation {
	/// The role offered.
	pub role: PractitionerRole,
	/// Hash of the professional licence number; the number itself stays off chain.
	pub license_hash: H256,
	/// When the practitioner's rights would end (timestamp, ms), if they do.
	pub valid_until: Option<Moment>,
	/// When the offer lapses (timestamp, ms): it cannot be accepted from then on.
	pub expires_at: Moment,
}

/// Shortest GS1 company prefix, in digits.
pub const MIN_COMPANY_PREFIX_LENGTH: u32 = 6;
/// Longest GS1 company prefix, in digits.
pub const MAX_COMPANY_PREFIX_LENGTH: u32 = 12;

/// A GS1 company prefix: 6 to 12 ASCII digits (checked on input; the bound is the longest).
pub type CompanyPrefix = BoundedVec<u8, frame_support::traits::ConstU32<MAX_COMPANY_PREFIX_LENGTH>>;
