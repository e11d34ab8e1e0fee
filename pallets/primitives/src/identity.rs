//! Patient identity codes and the directory through which other pallets ask who may act for a
//! patient.

use super::*;

/// What a guardian may do for a patient. A guardian never does what only a controller may: manage
/// controllers or guardians, rotate the encryption key, deactivate the patient (this pallet),
/// erase a record, share or revoke a record key, prune the access log (Records), or review an
/// emergency access (Consent).
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
pub enum GuardianScope {
	/// What `ConsentOnly` and `ReadOnly` allow together, and anchoring records as the patient's
	/// side (Records, with no author organisation). Not the controller-only acts listed above.
	Full,
	/// In Consent: grant and revoke the patient's consents and answer requests about them.
	/// Nothing in Records or in this pallet.
	ConsentOnly,
	/// Read the patient's records and access log as Records allows the patient's side to read
	/// them (Records decides what reading needs); no consent, no anchoring, no key management.
	ReadOnly,
}

impl GuardianScope {
	/// Whether a guardian holding `self` may do what `needed` stands for: `Full` covers every
	/// scope, any other scope only itself.
	pub fn covers(self, needed: GuardianScope) -> bool {
		self == GuardianScope::Full || self == needed
	}
}

/// Whether a patient id is in use.
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
)]
pub enum PatientStatus {
	/// The patient's controllers and guardians have their rights.
	Active,
	/// A tombstone: nobody may act for the patient any more, nothing the patient granted grants
	/// anything, and the id can never be registered again.
	Deactivated,
}

/// How an account stands towards a patient.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Representation {
	/// The account controls the patient id (the patient's own device or account).
	Controller,
	/// The account is a guardian with this scope, and the guardianship has not ended.
	Guardian(GuardianScope),
}

/// The patient directory: whether a patient is active and who may act for them, answered at
/// constant cost and as of now (a guardianship past its end, or a deactivated patient, gives
/// nothing, with no call needed to make it so).
pub trait PatientDirectory<AccountId> {
	/// Whether `patient` is registered and not deactivated.
	fn is_active(patient: &PatientId) -> bool;

	/// How `who` stands towards `patient` now: controller, guardian in time (with its scope), or
	/// `None` (also when the patient is unknown or deactivated).
	fn representation(patient: &PatientId, who: &AccountId) -> Option<Representation>;

	/// Whether `who` may act for `patient` where `scope` is needed: a controller always, a
	/// guardian whose scope covers `scope` until its guardianship ends.
	fn may_act(patient: &PatientId, who: &AccountId, scope: GuardianScope) -> bool {
		match Self::representation(patient, who) {
			Some(Representation::Controller) => true,
			Some(Representation::Guardian(held)) => held.covers(scope),
			None => false,
		}
	}

	/// Whether `who` is one of `patient`'s controllers (and the patient is active).
	fn is_controller(patient: &PatientId, who: &AccountId) -> bool {
		Self::representation(patient, who) == Some(Representation::Controller)
	}

	/// Which appointment of `who` as guardian of `patient` is in force now: a number the
	/// registry gives each appointment (court-appointed or by a controller) and never gives
	/// twice for one patient. A right that one guardianship gave (a consent the guardian
	/// granted) holds only while the same appointment is in force, so it ends with the
	/// guardianship and does not come back if the account is appointed again. `None` when `who`
	/// is not a guardian in force (also when the patient is unknown or deactivated).
	fn guardian_appointment(patient: &PatientId, who: &AccountId) -> Option<u32>;

	/// The patient's guardian appointments in force now whose scope lets the guardian consent
	/// for the patient (`ConsentOnly` or `Full`), as (guardian, appointment number), in one
	/// look-up whatever the number of guardians: `(g, n)` is listed exactly when
	/// `guardian_appointment(patient, g) == Some(n)` and `may_act(patient, g, ConsentOnly)`.
	/// Empty when the patient is unknown or deactivated.
	fn consenting_appointments(patient: &PatientId) -> alloc::vec::Vec<(AccountId, u32)>;

	/// Whether `who` may erase `patient`'s records (crypto-shredding, irreversible): for an
	/// active patient, a controller unless the patient was recovered so recently that its new
	/// controllers are still on probation; for a deactivated patient, the controllers it had when
	/// it was deactivated, since the right to erasure outlives the tombstone. Records must ask
	/// this, not [`PatientDirectory::is_controller`], before erasing, and must let the erasure
	/// of a deactivated patient's records go ahead. The default answers `is_controller`.
	fn may_erase(patient: &PatientId, who: &AccountId) -> bool {
		Self::is_controller(patient, who)
	}

	/// The patient's X25519 public key, for wrapping record keys to them, while active.
	fn encryption_key(patient: &PatientId) -> Option<[u8; 32]>;

	/// Benchmarks and tests of other pallets: registers an active patient controlled by
	/// `controller`.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(patient: &PatientId, controller: &AccountId);

	/// Benchmarks and tests of other pallets: makes `guardian` a guardian of the registered
	/// `patient` with `scope`, with no end.
	#[cfg(feature = "runtime-benchmarks")]
	fn appoint_for_benchmarks(patient: &PatientId, guardian: &AccountId, scope: GuardianScope);
}

/// The id a patient controlled by `controller` with X25519 public key `encryption_key` must be
/// registered under: `blake2_256(SCALE(controller) ++ encryption_key)` (for an `AccountId32`,
/// the 32 account bytes followed by the 32 key bytes). Binding the id to its controller and key
/// means a watcher of the transaction pool who copies a registration cannot take the id for an
/// account of its own, nor burn it: whoever submits it, the id gets that controller and key.
pub fn derive_patient_id<AccountId: Encode>(
	controller: &AccountId,
	encryption_key: &[u8; 32],
) -> PatientId {
	use sp_runtime::traits::Hash;
	sp_runtime::traits::BlakeTwo256::hash_of(&(controller, encryption_key))
}

/// Which calls are about one patient, so that the patient's controllers may send
/// them without fees, within the patient's free-call allowance. Implemented by the runtime over
/// its call enum; calls it does not name (batches included) are never free.
pub trait PatientCall<Call> {
	/// The patient `call` acts for, if it is one of the calls a patient may send for free.
	fn patient_of(call: &Call) -> Option<PatientId>;

	/// `None` if `call` is never free, decided from the call alone without reading storage: the
	/// fee waiver then checks nothing and adds no weight to the transaction. Otherwise what
	/// finding the patient of `call` costs (calls that name a consent or a request look it up in
	/// storage), from the benchmarks of the pallet that owns the call.
	fn lookup_weight(call: &Call) -> Option<sp_runtime::Weight>;
}

impl<Call> PatientCall<Call> for () {
	fn patient_of(_: &Call) -> Option<PatientId> {
		None
	}

	fn lookup_weight(_: &Call) -> Option<sp_runtime::Weight> {
		None
	}
}

#[cfg(test)]
mod tests {
	use super::GuardianScope::*;

	#[test]
	fn a_patient_id_is_the_hash_of_controller_and_key() {
		let controller = [7u8; 32];
		let key = [9u8; 32];
		let mut bytes = controller.to_vec();
		bytes.extend_from_slice(&key);
		assert_eq!(
			super::derive_patient_id(&controller, &key),
			<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&bytes)
		);
		assert_ne!(
			super::derive_patient_id(&[8u8; 32], &key),
			super::derive_patient_id(&controller, &key)
		);
	}

	#[test]
	fn full_scope_covers_every_scope_and_the_others_only_themselves() {
		assert!(Full.covers(Full) && Full.covers(ConsentOnly) && Full.covers(ReadOnly));
		assert!(ConsentOnly.covers(ConsentOnly) && !ConsentOnly.covers(ReadOnly));
		assert!(!ConsentOnly.covers(Full));
		assert!(
			ReadOnly.covers(ReadOnly) && !ReadOnly.covers(ConsentOnly) && !ReadOnly.covers(Full)
		);
	}
}
