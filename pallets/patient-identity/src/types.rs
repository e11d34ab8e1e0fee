//! The data the pallet stores and the answers it gives dApps.

use super::*;

/// A patient as stored: pseudonymous, with nothing that identifies the person.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxControllers))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct PatientRecord<AccountId: Clone + PartialEq + Debug, MaxControllers: Get<u32>> {
	/// Active, or a deactivated tombstone.
	pub status: PatientStatus,
	/// The patient's X25519 public key, to which record keys are wrapped; zero once deactivated.
	pub encryption_key: [u8; 32],
	/// The accounts that control the id: at least one while active. A tombstone keeps the
	/// controllers it had when deactivated, who keep the right to erase its records and nothing
	/// else.
	pub controllers: BoundedVec<AccountId, MaxControllers>,
	/// How many guardianships are stored for the patient (ended ones included until removed).
	pub guardians: u32,
}

/// A guardian's standing for one patient.
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
pub struct Guardianship {
	/// What the guardian may do.
	pub scope: GuardianScope,
	/// When the guardianship ends by itself (timestamp, ms), e.g. the patient's majority.
	pub valid_until: Option<Moment>,
	/// The number of this appointment among the patient's guardian appointments (from 1, never
	/// given twice for one patient: [`GuardianAppointments`] counts them), answered by
	/// [`PatientDirectory::guardian_appointment`] while the guardianship is in force. A right
	/// the guardian gave under this appointment ends with it, even if the account is appointed
	/// again.
	pub appointment: u32,
}

impl Guardianship {
	/// Whether the guardianship still gives rights at `now`.
	pub fn is_in_force(&self, now: Moment) -> bool {
		self.valid_until.is_none_or(|until| now < until)
	}
}

/// A guardian appointment that may consent for the patient, as the access check needs it: its
/// number and when it ends ([`ConsentingAppointments`]).
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
pub struct ConsentingAppointment<AccountId> {
	/// The guardian.
	pub guardian: AccountId,
	/// The appointment's number ([`Guardianship::appointment`]).
	pub appointment: u32,
	/// When it ends by itself (timestamp, ms).
	pub valid_until: Option<Moment>,
}

impl<AccountId> ConsentingAppointment<AccountId> {
	/// `guardian`'s appointment as [`ConsentingAppointments`] lists it, if its scope may consent
	/// for the patient (`ConsentOnly` or `Full`); `None` otherwise.
	pub fn of(guardian: AccountId, guardianship: &Guardianship) -> Option<Self> {
		guardianship.scope.covers(GuardianScope::ConsentOnly).then_some(Self {
			guardian,
			appointment: guardianship.appointment,
			valid_until: guardianship.valid_until,
		})
	}
}

/// An institutional recovery waiting for its delay to pass (AUDIT H-2).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct PendingRecovery<AccountId, BlockNumber> {
	/// The practitioner who proofed the patient's identity and asked for the recovery; holds
	/// its deposit.
	pub by: AccountId,
	/// The account that will replace every controller.
	pub new_controller: AccountId,
	/// The first block in which `finalize_recovery` may apply it.
	pub effective_at: BlockNumber,
}

/// A court-appointed guardianship waiting for its delay to pass (AUDIT H-2).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct PendingGuardianship<AccountId, BlockNumber> {
	/// The practitioner who asked for it; holds its deposit.
	pub by: AccountId,
	/// The account to be appointed.
	pub guardian: AccountId,
	/// What the guardian will be allowed to do.
	pub scope: GuardianScope,
	/// When the guardianship will end by itself (timestamp, ms).
	pub valid_until: Option<Moment>,
	/// The first block in which `finalize_guardianship` may apply it.
	pub effective_at: BlockNumber,
}

/// A deactivation asked for by one controller of several, waiting for a second controller or
/// for its delay to pass (AUDIT M-4).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct PendingDeactivation<AccountId, BlockNumber> {
	/// The controller who asked.
	pub by: AccountId,
	/// The first block in which `by` may complete the deactivation alone.
	pub effective_at: BlockNumber,
}

/// How many free calls a patient has used in a period.
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
pub struct FreeCallUsage<BlockNumber> {
	/// The period the count belongs to: the block number divided by `FreeCallPeriod`.
	pub period: BlockNumber,
	/// Free calls used in that period.
	pub used: u32,
}

/// A guardian as dApps see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct GuardianView<AccountId> {
	/// The guardian's account.
	pub guardian: AccountId,
	/// What the guardian may do.
	pub scope: GuardianScope,
	/// When the guardianship ends, if it does.
	pub valid_until: Option<Moment>,
	/// Whether it still gives rights now (`false` once `valid_until` has passed).
	pub in_force: bool,
}

/// A patient's public record, as dApps see it: no more than the chain holds.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct PatientView<AccountId> {
	/// Active or deactivated.
	pub status: PatientStatus,
	/// The X25519 public key, while active.
	pub encryption_key: Option<[u8; 32]>,
	/// How many accounts control the id (for a tombstone: its last controllers, who may still
	/// erase its records).
	pub controller_count: u32,
	/// The guardians, with scope and end.
	pub guardians: Vec<GuardianView<AccountId>>,
}

/// A patient's free-call allowance as dApps see it.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct FreeCallAllowance<BlockNumber> {
	/// Whether the patient has free calls at all: a registrar practitioner registered it
	/// (`register_patient_for`). A patient who registered itself pays fees like anyone.
	pub vouched: bool,
	/// Free calls still available in the current period (0 if the patient is not vouched for);
	/// free transactions waiting in the pool are not deducted.
	pub remaining: u32,
	/// The first block of the next period, when the allowance is full again.
	pub renews_at: BlockNumber,
}

/// The place a free transaction takes in its patient's allowance while it waits in the pool:
/// `slot` free calls of `period` come before it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FreeCallSlot<BlockNumber> {
	/// The patient whose allowance the transaction draws on.
	pub patient: PatientId,
	/// The free-call period the slot belongs to.
	pub period: BlockNumber,
	/// How many free calls of the period come before this one (from 0).
	pub slot: u32,
}

impl<BlockNumber: Encode> FreeCallSlot<BlockNumber> {
	/// The pool tag a free transaction provides for its slot: a second transaction providing the
	/// same tag replaces it only with a higher priority, which a free transaction never has.
	pub fn tag(&self) -> Vec<u8> {
		(FREE_CALL_TAG, self.patient, &self.period, self.slot).encode()
	}
}

/// The pool tag of a free `remove_controller` transaction that would succeed: it takes no slot
/// of the allowance, and the pool holds at most one such transaction per controller removed.
pub fn free_removal_tag<AccountId: Encode>(patient: &PatientId, removed: &AccountId) -> Vec<u8> {
	(FREE_REMOVAL_TAG, patient, removed).encode()
}

/// The prefix of [`free_removal_tag`].
pub const FREE_REMOVAL_TAG: &[u8; 16] = b"medchain/removal";

/// The prefix of [`FreeCallSlot::tag`].
pub const FREE_CALL_TAG: &[u8; 13] = b"medchain/free";
