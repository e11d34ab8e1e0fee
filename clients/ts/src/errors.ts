/**
 * Errors as people read them: any error the client throws or a transaction returns, as one plain
 * sentence of what happened (the runtime's own documentation of the error, from metadata) and
 * what to do next.
 */
import { ChainCallError, SubmissionError, type ModuleError } from "./chain.js";
import { ERROR_DOCS } from "./error-docs.js";
import { Gs1Error } from "./gs1.js";
import { explainRefusal, InvalidPhraseError } from "./identity.js";
import { KeystoreError, MIN_PASSPHRASE_LENGTH } from "./keystore.js";

/** An error explained: what happened, and what to do next. */
export interface Explanation {
  /** What happened, as a sentence. */
  what: string;
  /** What to do next, as a sentence. */
  next: string;
  /** The pallet error (`Pallet.Error`) or the client error's code, for logs and support. */
  code?: string;
}

/** The next step for the pallet errors people meet most, by `Pallet.Error`. */
export const NEXT_STEPS: Readonly<Record<string, string>> = {
  "DrugProvenance.NotTradingPartner": "Sign in with the account of a practitioner or admin of an active trading partner.",
  "DrugProvenance.UnitNotFound": "Check the pack's code; if it is right, quarantine the pack and report it as suspect.",
  "DrugProvenance.ContainerNotFound": "Check the SSCC on the case label and scan it again.",
  "DrugProvenance.NotHolder": "Only the organisation that holds the pack may do this: receive its shipment first.",
  "DrugProvenance.InTransit": "Receive the shipment the pack is in first.",
  "DrugProvenance.ItemInContainer": "Unpack the case the pack is in first.",
  "DrugProvenance.ShipmentNotFound": "Check the shipment number on the delivery note.",
  "DrugProvenance.NotDestination": "Only the organisation the shipment is addressed to may receive it: check the delivery note.",
  "DrugProvenance.AlreadyReceived": "Nothing to do: the shipment is in your stock already.",
  "DrugProvenance.NotDispenser": "Dispensing is for pharmacies, hospitals and clinics: sign in with such an account.",
  "DrugProvenance.LotRecalled": "Do not dispense: quarantine the pack and follow the recall notice.",
  "DrugProvenance.UnitSuspect": "Do not dispense: keep the pack in quarantine until the investigation is resolved.",
  "DrugProvenance.UnitInactive": "Do not dispense: quarantine the pack and report it as suspect.",
  "DrugProvenance.DepositUnavailable": "Ask your organisation's admin to fund this account for storage deposits.",
  "Consent.ConsentNotFound": "Reload the list of consents: it may have been purged already.",
  "Consent.NotPatientsSide": "Sign in with the patient's own account, or a guardian's whose appointment is in force.",
  "Consent.PatientInactive": "Check the patient id; a deactivated patient must be reactivated by the registry first.",
  "Consortium.NotOrganizationAdmin": "Ask your organisation's admin to do this.",
  "PatientIdentity.PatientNotFound": "Register the patient first, or check the patient id.",
};

/** The documentation of a pallet error from metadata, if the runtime has that error. */
export function errorDoc(error: ModuleError): string | undefined {
  return ERROR_DOCS[`${error.pallet}.${error.name}`];
}

/**
 * Explains any error of the client or of a transaction in two sentences.
 *
 * @param error - what a client call threw: {@link ChainCallError} (a failed transaction),
 *   {@link SubmissionError}, a refused transaction (free calls used up, no funds),
 *   {@link Gs1Error}, {@link InvalidPhraseError}, or anything else.
 */
export function explainError(error: unknown): Explanation {
  if (error instanceof ChainCallError && error.inclusion.error) {
    const code = `${error.inclusion.error.pallet}.${error.inclusion.error.name}`;
    return {
      what: errorDoc(error.inclusion.error) ?? `The chain refused the call (${code}).`,
      next: NEXT_STEPS[code] ?? "Nothing was changed on the chain. Check what you entered and try again.",
      code,
    };
  }
  if (error instanceof ChainCallError) {
    return { what: "The chain refused the call.", next: "Nothing was changed on the chain. Try again; if it fails again, contact your organisation's support." };
  }
  const refusal = explainRefusal(error);
  if (refusal) return { what: refusal, next: "Nothing was sent to the chain." };
  if (error instanceof SubmissionError) {
    return { what: "The chain did not include the call in time.", next: "Check the connection to the node, then try again: nothing was changed." };
  }
  if (error instanceof Gs1Error) {
    return { what: `The code could not be read: ${error.message}.`, next: "Scan the code again, or type it as printed on the pack.", code: error.code };
  }
  if (error instanceof InvalidPhraseError) {
    return { what: "That is not a valid recovery phrase.", next: "Check the words and their order: they are English BIP39 words with a checksum." };
  }
  if (error instanceof KeystoreError) {
    const messages: Record<typeof error.code, [string, string]> = {
      WEAK_PASSPHRASE: [
        `The passphrase is too short: it needs at least ${MIN_PASSPHRASE_LENGTH} characters.`,
        "Choose a longer one; a few unrelated words are easy to remember and hard to guess.",
      ],
      WRONG_PASSPHRASE: [
        "The passphrase does not unlock the keys stored in this browser.",
        "Type it again. If it is lost, restore the account from its recovery phrase.",
      ],
      MALFORMED: [
        "The keys stored in this browser cannot be read.",
        "Restore the account from its recovery phrase; the stored copy cannot be used.",
      ],
    };
    const [what, next] = messages[error.code];
    return { what, next, code: error.code };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { what: `Something went wrong: ${message}.`, next: "Try again; if it fails again, contact your organisation's support." };
}
