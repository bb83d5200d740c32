//! The decisions on transfer requests, once the account has found who
//! acts: XFER-7 (creating one), XFER-8 (accepting, rejecting; expired
//! requests), XFER-9 (cancelling; final states), XFER-10 (one pending
//! request per licence). No refusal names another partner.

use super::command::{TransferChange, TransferCommand};
use super::request::{TransferRequest, TransferState};
use crate::error::{Error, refuse};
use crate::ids::{LicenceId, PartnerId, TransferId};
use crate::licence::{Licence, LicenceState, Purchaser};
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::{TransferAction, TransferProblem};

/// The refusal of `action` on request `transfer` under `rule`.
fn refused(
    rule: Rule,
    transfer: &TransferId,
    action: TransferAction,
    problem: TransferProblem,
) -> Error {
    refuse(
        rule,
        Reason::TransferRequest {
            transfer: transfer.clone(),
            action,
            problem,
        },
    )
}

/// Whether `licence` can move from `from`: active and bought by it.
fn transferable(licence: &Licence, from: &PartnerId) -> bool {
    matches!(licence.state, LicenceState::Active { .. })
        && matches!(&licence.bought_by, Purchaser::Partner(by) if by == from)
}

/// XFER-7 and XFER-10: `target`'s request `id` for `licences` of `from`,
/// among the account's `requests` and `owned` licences, or the refusal of
/// the first problem found.
pub(crate) fn create(
    id: &TransferId,
    target: &PartnerId,
    (from, licences): (&PartnerId, &[LicenceId]),
    requests: &[TransferRequest],
    owned: &[Licence],
) -> Result<TransferChange, Error> {
    let no = |rule, problem| Err(refused(rule, id, TransferAction::Create, problem));
    if requests.iter().any(|r| r.id == *id) {
        return no(Rule::Xfer7, TransferProblem::IdTaken);
    }
    if from == target {
        return no(Rule::Xfer7, TransferProblem::ToItself);
    }
    if licences.is_empty() {
        return no(Rule::Xfer7, TransferProblem::NoLicence);
    }
    for (index, licence) in licences.iter().enumerate() {
        let problem = if licences[..index].contains(licence) {
            TransferProblem::LicenceTwice {
                licence: licence.clone(),
            }
        } else {
            match owned.iter().find(|l| l.id == *licence) {
                None => TransferProblem::UnknownLicence {
                    licence: licence.clone(),
                },
                Some(l) if !transferable(l, from) => TransferProblem::NotTransferable {
                    licence: licence.clone(),
                },
                Some(_) if requests.iter().any(|r| r.holds(licence)) => {
                    return no(
                        Rule::Xfer10,
                        TransferProblem::AlreadyRequested {
                            licence: licence.clone(),
                        },
                    );
                }
                Some(_) => continue,
            }
        };
        return no(Rule::Xfer7, problem);
    }
    Ok(TransferChange::Created {
        from_partner: from.clone(),
        to_partner: target.clone(),
        licences: licences.to_vec(),
    })
}

impl TransferRequest {
    /// The change `command` by partner `by` makes, among the account's
    /// `owned` licences, or the refusal of the rule it breaks.
    pub(crate) fn decide(
        &self,
        command: &TransferCommand,
        by: &PartnerId,
        owned: &[Licence],
    ) -> Result<TransferChange, Error> {
        let action = command.action();
        let no = |rule, problem| Err(refused(rule, &self.id, action, problem));
        let (party, rule, problem) = match command {
            TransferCommand::Create { .. } => return no(Rule::Xfer7, TransferProblem::IdTaken),
            TransferCommand::Accept | TransferCommand::Reject => {
                (&self.from_partner, Rule::Xfer8, TransferProblem::NotSource)
            }
            TransferCommand::Cancel => (&self.to_partner, Rule::Xfer9, TransferProblem::NotTarget),
        };
        if by != party {
            return no(rule, problem);
        }
        match self.state {
            TransferState::Pending { .. } => {}
            TransferState::Expired { .. } => return no(Rule::Xfer8, TransferProblem::Expired),
            state => {
                return no(
                    Rule::Xfer9,
                    TransferProblem::Final {
                        state: state.status(),
                    },
                );
            }
        }
        Ok(match command {
            TransferCommand::Accept => {
                for licence in &self.licences {
                    if !owned
                        .iter()
                        .any(|l| l.id == *licence && transferable(l, &self.from_partner))
                    {
                        return no(
                            Rule::Xfer8,
                            TransferProblem::NotTransferable {
                                licence: licence.clone(),
                            },
                        );
                    }
                }
                TransferChange::Accepted
            }
            TransferCommand::Reject => TransferChange::Rejected,
            _ => TransferChange::Cancelled,
        })
    }
}
