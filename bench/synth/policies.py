"""A synthetic policy: sections of paragraphs and list items with placeholders, as Markdown."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from bench.synth import words as w

RETENTION_KEYS = tuple(f"r{i:02d}" for i in range(1, len(w.RECORDS) + 1))


@dataclass
class Block:
    """One editable block: ``p`` (paragraph), ``li`` (list item) or ``raw`` (kept as written)."""

    kind: str
    text: str


@dataclass
class Section:
    """A ``## Title { #anchor }`` section and its blocks."""

    anchor: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Policy:
    """A policy's state: front matter, sections, and which facts it states."""

    id: str
    title: str
    description: str
    effective: dt.date
    updated: dt.date
    link_to: str
    retention: tuple[str, ...]
    vendors: bool
    sections: list[Section] = field(default_factory=list)

    @property
    def path(self) -> str:
        """Repository path of the policy source."""
        return f"policies/{self.id}.md"


def policy_ids(count: int) -> list[str]:
    """``count`` distinct policy ids, real-sounding first."""
    names = [w.slug(title) for title in w.POLICY_TITLES]
    return [names[i % len(names)] + (f"-{i // len(names) + 1}" if i >= len(names) else "")
            for i in range(count)]


def title_of(index: int) -> str:
    """The English title of policy number ``index``."""
    base = w.POLICY_TITLES[index % len(w.POLICY_TITLES)]
    return base if index < len(w.POLICY_TITLES) else f"{base} {index // len(w.POLICY_TITLES) + 1}"


def make_policy(rng: random.Random, index: int, ids: list[str], sections: int, start: dt.date) -> Policy:
    """A new policy with ``sections`` prose sections plus the fixed ones."""
    keys = len(RETENTION_KEYS)
    policy = Policy(
        id=ids[index], title=title_of(index), description=w.sentence(rng, 8, 14), effective=start,
        updated=start, link_to=ids[(index + 1) % len(ids)],
        retention=(RETENTION_KEYS[index % keys], RETENTION_KEYS[(index + 5) % keys]),
        vendors=index % 4 == 0,
    )
    titles = [w.SECTION_TITLES[(index + i) % len(w.SECTION_TITLES)] for i in range(sections)]
    policy.sections = [_prose_section(rng, title, i) for i, title in enumerate(titles)]
    policy.sections.insert(min(2, len(policy.sections)), _retention_section(rng, policy))
    if policy.vendors:
        policy.sections.append(_vendor_section(rng))
    policy.sections.append(_changes_section(rng))
    return policy


def _prose_section(rng: random.Random, title: str, number: int) -> Section:
    anchor = w.slug(title) if number < len(w.SECTION_TITLES) else f"{w.slug(title)}-{number}"
    section = Section(anchor, title, [Block("p", w.paragraph(rng, 3))])
    section.blocks += [Block("li", w.sentence(rng, 6, 14)) for _ in range(3)]
    section.blocks.append(Block("p", w.paragraph(rng, 2)))
    if title == "International Transfers":
        section.blocks.append(Block("p", 'We may process personal data in '
                                    '{{ transfers.destinations | map("country") | list }}.'))
    if title == "Contact":
        section.blocks.append(Block("p", "{{ company.legal_name }} answers every request within "
                                    "{{ limits.response_time | duration }}."))
    return section


def _retention_section(rng: random.Random, policy: Policy) -> Section:
    rows = "\n".join(f"| {w.RECORDS[int(key[1:]) - 1]} | {{{{ retention.{key} | duration }}}} |"
                     for key in policy.retention)
    table = f"| Record | Kept for |\n|---|---|\n{rows}"
    blocks = [Block("p", w.paragraph(rng, 2)), Block("raw", table), Block("p", w.paragraph(rng, 1))]
    return Section("retention-periods", "Retention Periods", blocks)


def _vendor_section(rng: random.Random) -> Section:
    table = ("| Vendor | Purpose | Location |\n|---|---|---|\n"
             "{% for vendor in subprocessors.vendors %}\n"
             "| {{ vendor.name }} | {{ vendor.purpose }} | {{ vendor.country | country }} |\n"
             "{% endfor %}")
    intro = ("We engage {{ subprocessors.vendors | map(attribute=\"name\") | list }} "
             "as sub-processors on our behalf.")
    return Section("subprocessors", "Sub-processors", [Block("p", intro), Block("raw", table)])


def _changes_section(rng: random.Random) -> Section:
    notice = ("We announce material changes at least {{ limits.change_notice | duration }} "
              "before they take effect.")
    return Section("changes", "Changes to This Policy",
                   [Block("p", notice), Block("p", w.paragraph(rng, 2))])


def markdown(policy: Policy) -> str:
    """The policy source: front matter, title, dates line, sections."""
    head = (f"---\ntitle: {policy.title}\neffective: {policy.effective.isoformat()}\n"
            f"updated: {policy.updated.isoformat()}\ndescription: {policy.description}\n---\n\n"
            f"# {policy.title} {{ #top }}\n\n"
            "Effective Date: {{ policy.effective | date }} · Last Updated: {{ policy.updated | date }}\n\n"
            f"Read this together with our [{policy.link_to.replace('-', ' ')} page]({policy.link_to}.md).\n")
    return head + "".join(_section(section) for section in policy.sections)


def _section(section: Section) -> str:
    out = [f"\n## {section.title} {{ #{section.anchor} }}\n"]
    previous = ""
    for block in section.blocks:
        tight = block.kind == "li" and previous == "li"
        out.append(("" if tight else "\n") + (f"- {block.text}" if block.kind == "li" else block.text) + "\n")
        previous = block.kind
    return "".join(out)
