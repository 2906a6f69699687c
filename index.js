// n8n loads the nodes and credentials listed in package.json's "n8n" field; the main entry is intentionally empty.
module.exports = {};
