"""Typed facts of the synthetic repository: data files and their JSON Schema."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import yaml

from bench.synth import words as w
from bench.synth.policies import RETENTION_KEYS

#: retention periods in increasing order; one step up is material, one step down editorial
LADDER = ("P30D", "P90D", "P6M", "P12M", "P18M", "P24M", "P3Y", "P5Y", "P7Y")
DATA_DIR = "policies/_data"

_RETENTION_PROPS = "".join(f"      {key}: {{type: string, format: duration}}\n" for key in RETENTION_KEYS)
SCHEMA = f"""\
$schema: https://json-schema.org/draft/2020-12/schema
title: Synthetic policy data
type: object
additionalProperties: false
required: [company, limits, retention, subprocessors, transfers]
properties:
  company:
    type: object
    additionalProperties: false
    required: [legal_name, brand, country]
    properties:
      legal_name: {{type: string, minLength: 1}}
      brand: {{type: string, minLength: 1}}
      country: {{type: string, format: country}}
  limits:
    type: object
    additionalProperties: false
    required: [change_notice, response_time]
    properties:
      change_notice: {{type: string, format: duration}}
      response_time: {{type: string, format: duration}}
  retention:
    type: object
    additionalProperties: false
    required: [{", ".join(RETENTION_KEYS)}]
    properties:
{_RETENTION_PROPS}\
  subprocessors:
    type: object
    additionalProperties: false
    required: [vendors]
    properties:
      vendors:
        type: array
        items:
          type: object
          additionalProperties: false
          required: [name, purpose, country]
          properties:
            name: {{type: string, minLength: 1}}
            purpose: {{type: string, minLength: 1, x-translatable: true}}
            country: {{type: string, format: country}}
  transfers:
    type: object
    additionalProperties: false
    required: [destinations]
    properties:
      destinations:
        type: array
        items: {{type: string, format: country}}
"""


@dataclass
class Data:
    """The facts that change over the history: retention periods and vendors."""

    retention: dict[str, int] = field(default_factory=dict)
    vendors: list[dict[str, str]] = field(default_factory=list)
    destinations: list[str] = field(default_factory=lambda: ["US", "IE", "AE"])
    added: int = 0


def make_data(rng: random.Random) -> Data:
    """The first state: every retention period somewhere in the middle, four vendors."""
    data = Data(retention={key: rng.randint(2, 5) for key in RETENTION_KEYS})
    for _ in range(4):
        add_vendor(rng, data)
    return data


def add_vendor(rng: random.Random, data: Data) -> None:
    """Engage one more vendor (a material change for the policies that list them)."""
    name = w.VENDOR_NAMES[data.added % len(w.VENDOR_NAMES)]
    suffix = f" {data.added // len(w.VENDOR_NAMES) + 1}" if data.added >= len(w.VENDOR_NAMES) else ""
    data.vendors.append({"name": name + suffix, "purpose": w.sentence(rng, 4, 8),
                         "country": rng.choice(w.COUNTRIES)})
    data.added += 1


def files(data: Data) -> dict[str, str]:
    """Repository path -> YAML text of every data file."""
    documents = {
        "company": {"legal_name": "Example Holdings Ltd", "brand": "Example", "country": "GB"},
        "limits": {"change_notice": "P30D", "response_time": "P30D"},
        "retention": {key: LADDER[step] for key, step in data.retention.items()},
        "subprocessors": {"vendors": data.vendors},
        "transfers": {"destinations": data.destinations},
    }
    out = {f"{DATA_DIR}/schema.yml": SCHEMA}
    for name, value in documents.items():
        out[f"{DATA_DIR}/{name}.yml"] = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=1000)
    return out
