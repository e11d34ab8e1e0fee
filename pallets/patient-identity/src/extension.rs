//! The transaction extension that lets a patient's controllers act without fees, within the
//! patient's free-call allowance, and keeps the transaction pool from holding more free
//! transactions than that allowance has left.

use super::*;
use frame_support::{
	dispatch::{DispatchInfo, PostDispatchInfo},
	traits::IsSubType,
};
use frame_system::{CheckNonce, CheckWeight};
use scale_info::StaticTypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication,
		ImplicationParts, PostDispatchInfoOf, RefundWeight, TransactionExtension, ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidity, TransactionValidityError,
		ValidTransaction,
	},
	DispatchResult,
};

/// `InvalidTransaction::Custom` code of a patient call refused because the patient's free-call
/// allowance for the period is used up (or held by transactions already in the pool) and the
/// sender cannot pay the fee either. The pallet exposes it as the constant
/// `FreeCallsExhaustedCode`.
pub const FREE_CALLS_EXHAUSTED: u8 = 21;

/// The extensions [`PatientFeeWaiver`] wraps, in the order a runtime runs them: the nonce check,
/// the weight check and the fee-charging extension `C` (in the Medchain runtime,
/// `ChargeTransactionPayment`).
pub type FeeStages<T, C> = (CheckNonce<T>, CheckWeight<T>, C);

/// Wraps the nonce check, the weight check and the fee-charging extension:
/// `PatientFeeWaiver<T, (CheckNonce<T>, CheckWeight<T>, C)>` (see [`FeeStages`]).
///
/// A call that [`Config::PatientCalls`] names as acting for a patient, signed by one of that
/// patient's controllers, is free if a registrar vouched for the patient (see
/// [`VouchedPatients`]) and the transaction's *slot* is within the allowance:
///
/// - the slot is the free calls the patient used in this period, plus the sender's transactions
///   that must come before this one (its nonce minus the account's nonce), so that a sender
///   cannot queue more free transactions than the allowance has left;
/// - a free transaction `provides` the tag [`FreeCallSlot::tag`] (patient, period, slot), so that
///   two free transactions — from two controllers of one patient — never hold the same slot in
///   the pool; it has priority 0 and lives at most [`Config::FreeCallLongevity`] blocks;
/// - the nonce and weight checks run as usual, the fee-charging extension is skipped and its
///   weight refunded; one free call is counted in `prepare` (so it counts even if the call then
///   fails);
/// - a `remove_controller` that would succeed (see [`Pallet::removal_would_succeed`]) is free
///   whatever is left of the allowance and counts nothing, so that a rogue co-controller who used
///   the allowance up can still be removed by a patient without tokens (AUDIT L-11); it provides
///   the tag [`free_removal_tag`] (patient, removed controller) instead of a slot, so the pool
///   holds at most one per controller, and it is dropped, never run free, if it would no longer
///   succeed when the block includes it.
///
/// Every other transaction goes through the three wrapped extensions unchanged. Past the
/// allowance the sender pays like anyone else; a sender that cannot pay is refused with
/// `InvalidTransaction::Custom(`[`FREE_CALLS_EXHAUSTED`]`)` instead of a generic payment error.
///
/// The extension is invisible to wallets: it encodes, lists itself in metadata and describes its
/// type exactly as the tuple of the three extensions it wraps.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq)]
pub struct PatientFeeWaiver<T, S>(pub S, core::marker::PhantomData<T>);

impl<T, S> PatientFeeWaiver<T, S> {
	/// Wraps `inner`.
	pub fn new(inner: S) -> Self {
		Self(inner, core::marker::PhantomData)
	}
}

impl<T, S> From<S> for PatientFeeWaiver<T, S> {
	fn from(inner: S) -> Self {
		Self::new(inner)
	}
}

impl<T, S: StaticTypeInfo> TypeInfo for PatientFeeWaiver<T, S> {
	type Identity = S;
	fn type_info() -> scale_info::Type {
		S::type_info()
	}
}

impl<T, S: Debug> Debug for PatientFeeWaiver<T, S> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "PatientFeeWaiver({:?})", self.0)
	}
}

/// What `validate` decided, carried on to `prepare` and `post_dispatch`.
pub enum FeeDecision<AccountId, Checks, Stages> {
	/// Free: one of `patient`'s free calls, sent by `who`, or (`removal`: the controller it
	/// removes) a removal of a controller that uses none of the allowance. `checks` carries the
	/// nonce and weight checks on; `skipped` is the weight of the fee-charging extension,
	/// refunded after dispatch since it never ran.
	Free {
		patient: PatientId,
		who: AccountId,
		removal: Option<AccountId>,
		checks: Checks,
		skipped: Weight,
	},
	/// Every wrapped extension applies, the fee included.
	Charge(Stages),
}

type CallOf<T> = <T as frame_system::Config>::RuntimeCall;
type StageVal<T, C> = <FeeStages<T, C> as TransactionExtension<CallOf<T>>>::Val;
type StagePre<T, C> = <FeeStages<T, C> as TransactionExtension<CallOf<T>>>::Pre;
type NonceVal<T> = <CheckNonce<T> as TransactionExtension<CallOf<T>>>::Val;
type NoncePre<T> = <CheckNonce<T> as TransactionExtension<CallOf<T>>>::Pre;
type WeightVal<T> = <CheckWeight<T> as TransactionExtension<CallOf<T>>>::Val;
type WeightPre<T> = <CheckWeight<T> as TransactionExtension<CallOf<T>>>::Pre;

impl<T, C> TransactionExtension<T::RuntimeCall> for PatientFeeWaiver<T, FeeStages<T, C>>
where
	T: Config + Send + Sync,
	T::RuntimeCall:
		Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo> + IsSubType<Call<T>>,
	DispatchOriginOf<T::RuntimeCall>: AsSystemOriginSigner<T::AccountId> + Clone,
	C: TransactionExtension<T::RuntimeCall>,
{
	const IDENTIFIER: &'static str =
		<FeeStages<T, C> as TransactionExtension<T::RuntimeCall>>::IDENTIFIER;
	type Implicit = <FeeStages<T, C> as TransactionExtension<T::RuntimeCall>>::Implicit;
	type Val = FeeDecision<T::AccountId, (NonceVal<T>, WeightVal<T>), StageVal<T, C>>;
	type Pre = FeeDecision<T::AccountId, (NoncePre<T>, WeightPre<T>), StagePre<T, C>>;

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn metadata() -> Vec<sp_runtime::traits::TransactionExtensionMetadata> {
		<FeeStages<T, C> as TransactionExtension<T::RuntimeCall>>::metadata()
	}

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		// A call that is never free costs the check nothing: `validate` matches it and moves on.
		T::PatientCalls::lookup_weight(call)
			.map_or(Weight::zero(), |lookup| T::WeightInfo::use_free_call().saturating_add(lookup))
			.saturating_add(self.0.weight(call))
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let (nonce, weight, charge) = &self.0;
		let free = match (T::PatientCalls::patient_of(call), origin.as_system_origin_signer()) {
			(Some(patient), Some(who)) => {
				let removal = free_removal::<T>(call, &patient, who);
				let tag = match &removal {
					Some(removed) => Ok(free_removal_tag(&patient, removed)),
					None => Pallet::<T>::free_call_slot(&patient, who, nonce.0).map(|s| s.tag()),
				};
				Some((patient, who.clone(), removal, tag))
			}
			_ => None,
		};
		match free {
			Some((patient, who, removal, Ok(tag))) => {
				let (nonce_implicit, weight_implicit, charge_implicit) = self_implicit;
				// Each check is shown what it would be shown as an item of the wrapped tuple: the
				// items after it, then what follows the waiver.
				let parts = inherited_implication.parts();
				let (nonce_valid, nonce_val, origin) = nonce.validate(
					origin,
					call,
					info,
					len,
					nonce_implicit,
					&ImplicationParts {
						base: parts.base,
						explicit: ((weight, charge), parts.explicit),
						implicit: ((&weight_implicit, &charge_implicit), parts.implicit),
					},
					source,
				)?;
				let (weight_valid, weight_val, origin) = weight.validate(
					origin,
					call,
					info,
					len,
					weight_implicit,
					&ImplicationParts {
						base: parts.base,
						explicit: ((charge,), parts.explicit),
						implicit: ((&charge_implicit,), parts.implicit),
					},
					source,
				)?;
				let reserved = ValidTransaction {
					priority: 0,
					requires: Vec::new(),
					provides: alloc::vec![tag],
					longevity: T::FreeCallLongevity::get(),
					propagate: true,
				};
				Ok((
					nonce_valid.combine_with(weight_valid).combine_with(reserved),
					FeeDecision::Free {
						patient,
						who,
						removal,
						checks: (nonce_val, weight_val),
						skipped: charge.weight(call),
					},
					origin,
				))
			}
			Some((_, _, _, Err(FreeCallRefusal::Exhausted))) => self
				.0
				.validate(origin, call, info, len, self_implicit, inherited_implication, source)
				.map(|(valid, val, origin)| (valid, FeeDecision::Charge(val), origin))
				.map_err(|e| match e {
					TransactionValidityError::Invalid(InvalidTransaction::Payment) => {
						InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED).into()
					}
					other => other,
				}),
			_ => self
				.0
				.validate(origin, call, info, len, self_implicit, inherited_implication, source)
				.map(|(valid, val, origin)| (valid, FeeDecision::Charge(val), origin)),
		}
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			FeeDecision::Free {
				patient,
				who,
				removal,
				checks: (nonce_val, weight_val),
				skipped,
			} => {
				let (nonce, weight, _) = self.0;
				let checks = (
					nonce.prepare(nonce_val, origin, call, info, len)?,
					weight.prepare(weight_val, origin, call, info, len)?,
				);
				let counted = match &removal {
					Some(removed)
						if Pallet::<T>::removal_would_succeed(&patient, &who, removed) =>
					{
						Ok(())
					}
					// Validated in an earlier state: no longer a removal that succeeds, and never
					// validated for payment.
					Some(_) => return Err(InvalidTransaction::Payment.into()),
					None => Pallet::<T>::use_free_call(&patient, &who),
				};
				match counted {
					Ok(()) => Ok(FeeDecision::Free { patient, who, removal, checks, skipped }),
					// Validated in an earlier state (e.g. before other calls of this block used the
					// allowance up): the transaction is dropped, never included for free.
					Err(FreeCallRefusal::Exhausted) => {
						Err(InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED).into())
					}
					Err(FreeCallRefusal::NotController | FreeCallRefusal::NotVouched) => {
						Err(InvalidTransaction::Payment.into())
					}
				}
			}
			FeeDecision::Charge(val) => {
				self.0.prepare(val, origin, call, info, len).map(FeeDecision::Charge)
			}
		}
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		match pre {
			FeeDecision::Free { checks: (nonce_pre, weight_pre), skipped, .. } => {
				let nonce_unspent =
					<CheckNonce<T> as TransactionExtension<CallOf<T>>>::post_dispatch_details(
						nonce_pre, info, post_info, len, result,
					)?;
				let weight_unspent =
					<CheckWeight<T> as TransactionExtension<CallOf<T>>>::post_dispatch_details(
						weight_pre, info, post_info, len, result,
					)?;
				Ok(nonce_unspent.saturating_add(weight_unspent).saturating_add(skipped))
			}
			FeeDecision::Charge(pre) => {
				<FeeStages<T, C> as TransactionExtension<CallOf<T>>>::post_dispatch_details(
					pre, info, post_info, len, result,
				)
			}
		}
	}

	// As the wrapped tuple does: each item refunds what it did not use before the next one runs.
	fn post_dispatch(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &mut PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		match pre {
			FeeDecision::Free { checks: (nonce_pre, weight_pre), skipped, .. } => {
				<CheckNonce<T> as TransactionExtension<CallOf<T>>>::post_dispatch(
					nonce_pre, info, post_info, len, result,
				)?;
				<CheckWeight<T> as TransactionExtension<CallOf<T>>>::post_dispatch(
					weight_pre, info, post_info, len, result,
				)?;
				post_info.refund(skipped);
				Ok(())
			}
			FeeDecision::Charge(pre) => {
				<FeeStages<T, C> as TransactionExtension<CallOf<T>>>::post_dispatch(
					pre, info, post_info, len, result,
				)
			}
		}
	}

	// Bare extrinsics (inherents, unsigned) are never free: the wrapped extensions — the weight
	// check in particular — treat them as they would unwrapped.
	fn bare_validate(
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> TransactionValidity {
		<FeeStages<T, C> as TransactionExtension<T::RuntimeCall>>::bare_validate(call, info, len)
	}

	fn bare_validate_and_prepare(
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<(), TransactionValidityError> {
		<FeeStages<T, C> as TransactionExtension<T::RuntimeCall>>::bare_validate_and_prepare(
			call, info, len,
		)
	}

	fn bare_post_dispatch(
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &mut PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		<FeeStages<T, C> as TransactionExtension<T::RuntimeCall>>::bare_post_dispatch(
			info, post_info, len, result,
		)
	}
}

/// The controller `call` removes, if it is a `remove_controller` for `patient` that `who` may
/// send free without using the allowance (see [`Pallet::removal_would_succeed`]).
fn free_removal<T: Config>(
	call: &T::RuntimeCall,
	patient: &PatientId,
	who: &T::AccountId,
) -> Option<T::AccountId>
where
	T::RuntimeCall: IsSubType<Call<T>>,
{
	let Some(Call::remove_controller { patient: removing, who: removed }) = call.is_sub_type()
	else {
		return None;
	};
	let removed = T::Lookup::lookup(removed.clone()).ok()?;
	(removing == patient && Pallet::<T>::removal_would_succeed(patient, who, &removed))
		.then_some(removed)
}
