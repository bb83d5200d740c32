//! Reading a scenario file as a stream (no rule of its own): the header
//! first, then each step played as soon as it is read.

use std::fmt;

use serde::de;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::json::Strict;
use super::read::Obj;
use super::setup::Simulation;
use super::{Result, ScenarioError, err};

/// The header's fields: once all are read, the steps after them stream.
const HEADER: [&str; 4] = ["format", "policy", "partners", "customers"];

/// Every field a scenario has (`description` is for its reader).
const FIELDS: [&str; 6] = [
    "format",
    "policy",
    "partners",
    "customers",
    "steps",
    "description",
];

/// Plays `text`, handing each line to `emit` as it is decided; the final
/// state only once the whole file is read.
pub(super) fn play(text: &str, mut emit: impl FnMut(Value)) -> Result<()> {
    let mut player = Player {
        emit: &mut emit,
        failed: None,
        stage: Stage::Top,
        played: None,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let read = de.deserialize_map(&mut player).and_then(|()| de.end());
    if let Some(error) = player.failed {
        return Err(error);
    }
    match (read, player.played) {
        (Ok(()), Some(sim)) => {
            emit(sim.final_state());
            Ok(())
        }
        (Ok(()), None) => err("the scenario file", "nothing was played"),
        (Err(e), _) => Err(player.stage.explain(&e)),
    }
}

/// How far the reading got: what a serde error there means.
#[derive(Clone, Copy)]
enum Stage {
    /// Before the scenario's object.
    Top,
    /// Reading its fields.
    Fields,
    /// At `steps`, before its list.
    StepsStart,
}

impl Stage {
    fn explain(self, e: &serde_json::Error) -> ScenarioError {
        let (place, message) = match (e.classify(), self) {
            (serde_json::error::Category::Data, Stage::Top) => {
                ("the scenario", "expected a JSON object".to_owned())
            }
            (serde_json::error::Category::Data, Stage::StepsStart) => {
                ("the scenario, field `steps`", "expected a list".to_owned())
            }
            (serde_json::error::Category::Data, Stage::Fields) => {
                ("the scenario file", e.to_string())
            }
            _ => ("the scenario file", format!("not valid JSON: {e}")),
        };
        ScenarioError {
            place: place.to_owned(),
            message,
        }
    }
}

/// Where the lines go, how far the reading got, the first input error
/// (carried through serde's own error, which cannot hold it) and, once
/// every step is played, the simulation whose final state ends the output.
struct Player<'e> {
    emit: &'e mut dyn FnMut(Value),
    failed: Option<ScenarioError>,
    stage: Stage,
    played: Option<Simulation>,
}

impl Player<'_> {
    /// Keeps `error` and stops the reading.
    fn fail<E: de::Error>(&mut self, error: ScenarioError) -> E {
        self.failed = Some(error);
        E::custom("the scenario stopped")
    }

    /// Plays the header and every step read whole (a file whose steps
    /// come before its header, or that leaves a header field out).
    fn play_whole(&mut self, root: &Value) -> Result<Simulation> {
        let mut sim = Simulation::new(root)?;
        let steps = Obj::new(root, "the scenario")?.list("steps")?;
        for (i, step) in steps.iter().enumerate() {
            (self.emit)(sim.step(i, step)?);
        }
        Ok(sim)
    }
}

impl<'de> Visitor<'de> for &mut Player<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        self.stage = Stage::Fields;
        let mut header = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if !FIELDS.contains(&key.as_str()) {
                let error = ScenarioError {
                    place: format!("the scenario, field `{key}`"),
                    message: format!("unknown field (a scenario has {})", FIELDS.join(", ")),
                };
                return Err(self.fail(error));
            }
            let twice = header.contains_key(&key);
            let streams =
                key == "steps" && !twice && HEADER.iter().all(|k| header.contains_key(*k));
            if streams {
                let root = Value::Object(std::mem::take(&mut header));
                let sim = Simulation::new(&root).map_err(|e| self.fail(e))?;
                // Only the names are kept, to find a field given twice.
                if let Value::Object(fields) = root {
                    header = fields.into_iter().map(|(k, _)| (k, Value::Null)).collect();
                }
                header.insert(key, Value::Null);
                self.stage = Stage::StepsStart;
                let mut steps = Steps {
                    player: &mut *self,
                    sim,
                };
                map.next_value_seed(&mut steps)?;
                let sim = steps.sim;
                self.stage = Stage::Fields;
                self.played = Some(sim);
            } else if twice {
                let error = ScenarioError {
                    place: format!("the scenario, field `{key}`"),
                    message: "appears twice".into(),
                };
                return Err(self.fail(error));
            } else {
                let value = map.next_value_seed(Strict)?;
                header.insert(key, value);
            }
        }
        if self.played.is_none() {
            let root = Value::Object(header);
            let sim = self.play_whole(&root).map_err(|e| self.fail(e))?;
            self.played = Some(sim);
        }
        Ok(())
    }
}

/// The `steps` list, each step played as it is read.
struct Steps<'p, 'e> {
    player: &'p mut Player<'e>,
    sim: Simulation,
}

impl<'de> DeserializeSeed<'de> for &mut Steps<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for &mut Steps<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`steps` as a list")
    }

    /// `"steps": null` is no step, as a missing `steps` is.
    fn visit_none<E: de::Error>(self) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        self.player.stage = Stage::Fields;
        let mut index = 0;
        while let Some(step) = seq.next_element_seed(Strict)? {
            match self.sim.step(index, &step) {
                Ok(line) => (self.player.emit)(line),
                Err(e) => return Err(self.player.fail(e)),
            }
            index += 1;
        }
        Ok(())
    }
}
