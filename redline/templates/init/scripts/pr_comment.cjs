// Post the Redline report on a pull request and label it; called by actions/github-script:
//
//   const publish = require('./scripts/pr_comment.cjs');
//   await publish({github, context, core}, {body, label});
//
// One comment per pull request: the previous one is found by its hidden marker and updated,
// so a pull request pushed ten times still has one report. The label is `material-change` or
// `editorial-change`; the other one is taken off when the verdict changes.
'use strict';

const MARKER = '<!-- redline-diff -->';
const LABELS = ['material-change', 'editorial-change'];

async function upsertComment(github, target, body) {
  const comments = await github.paginate(github.rest.issues.listComments, { ...target, per_page: 100 });
  // Only a bot's comment counts: a person quoting the report must not have theirs overwritten.
  const previous = comments.find(
    (comment) => (comment.user || {}).type === 'Bot' && (comment.body || '').includes(MARKER),
  );
  if (previous) {
    await github.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: previous.id, body });
    return `updated comment ${previous.id}`;
  }
  const { data } = await github.rest.issues.createComment({ ...target, body });
  return `created comment ${data.id}`;
}

async function setLabel(github, target, label, current) {
  for (const other of LABELS.filter((name) => name !== label && current.includes(name))) {
    await github.rest.issues.removeLabel({ ...target, name: other });
  }
  if (label && !current.includes(label)) {
    // Adding a label the repository does not have yet creates it.
    await github.rest.issues.addLabels({ ...target, labels: [label] });
  }
}

module.exports = async function publish({ github, context, core }, { body, label }) {
  const target = { owner: context.repo.owner, repo: context.repo.repo, issue_number: context.issue.number };
  const current = ((context.payload.pull_request || {}).labels || []).map((item) => item.name);
  const text = body.includes(MARKER) ? body : `${MARKER}\n${body}`;
  try {
    core.info(await upsertComment(github, target, text));
    await setLabel(github, target, label, current);
  } catch (error) {
    // A pull request from a fork gets a read-only token: say so instead of failing the check.
    if (error.status !== 403) throw error;
    core.warning(`cannot comment or label (read-only token, e.g. a fork): ${error.message}`);
  }
};

module.exports.MARKER = MARKER;
