"""The story across articles: event clusters, commitments, the schedule, near-duplicates, digests.

Library code over the store; the CLI renders it. Clusters are kept by ``Store.add`` itself (see
``detente.story.clusters``); everything else is computed when it is read.
"""

from detente.story.cluster_view import cluster_of, clusters
from detente.story.clusters import ensure_clustered, recluster
from detente.story.commitments import STATUSES, commitments
from detente.story.dedup import NearDuplicates, find_duplicate, record_source, sources
from detente.story.digest import story
from detente.story.schedule import schedule, to_ical

__all__ = [
    "STATUSES", "NearDuplicates", "cluster_of", "clusters", "commitments", "ensure_clustered",
    "find_duplicate", "recluster", "record_source", "schedule", "sources", "story", "to_ical",
]
