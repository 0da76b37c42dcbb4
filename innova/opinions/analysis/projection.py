"""The map's two axes (step 3) and everyone's place on them (step 4).

PCA of the vote matrix with unseen votes imputed by the column mean (so they are 0 once centred): exact top-2
eigenvectors of the covariance matrix. Sparsity-aware projection: each participant's centred votes on the
statements they saw, dotted with the components and scaled by ``sqrt(columns / (own votes + zeroed columns))``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse as sp
import scipy.sparse.linalg

from .state import PreviousState
from .votes import CleanVotes

_DENSE_PCA_MAX_CELLS = 60_000_000
#: From this many statements the top components come from Lanczos iterations instead of a dense solver.
_LANCZOS_MIN_STATEMENTS = 300
#: Relative accuracy of the Lanczos eigenvalues (the axes then agree with the dense solver to about 1e-8).
_LANCZOS_TOL = 1e-8


@dataclass(frozen=True)
class Projection:
    """Column means, the two oriented components (shape ``(2, statements)``) and one 2-D point per voter."""

    center: np.ndarray
    components: np.ndarray
    coords: np.ndarray


def project_participants(votes: CleanVotes, prev: PreviousState) -> Projection:
    """PCA of the cleaned votes, axes oriented like the previous run's, every voter placed with the scale."""
    n, m = votes.shape
    col_n = np.bincount(votes.cols, minlength=m)
    col_sum = np.bincount(votes.cols, weights=votes.vals, minlength=m)
    center = np.divide(col_sum, col_n, out=np.zeros(m), where=col_n > 0)
    centred = votes.vals - center[votes.cols]
    comps = _top_components(votes.rows, votes.cols, centred, n, m)
    comps = _orient(comps, votes.statement_ids, prev)
    x_sparse = sp.csr_matrix((centred, (votes.rows, votes.cols)), shape=(n, m))
    coords = np.asarray(x_sparse @ comps.T)
    if n:
        n_votes = np.bincount(votes.rows, minlength=n)  # votes on visible statements
        coords *= projection_scale(votes.n_columns, n_votes + votes.n_zeroed)[:, None]
    return Projection(center=center, components=comps, coords=coords)


def projection_scale(n_columns: int, n_seen: np.ndarray | int) -> np.ndarray:
    """Pol.is's sparsity-aware scale ``sqrt(columns / own votes)``, zeroed (moderated-out) columns counting as votes."""
    return np.sqrt(n_columns / np.maximum(n_seen, 1))


def _top_components(rows: np.ndarray, cols: np.ndarray, centred: np.ndarray, n: int, m: int) -> np.ndarray:
    """Top-2 eigenvectors of X^T X for the centred, mean-imputed matrix X (rows of the result)."""
    comps = np.zeros((2, m))
    if n < 2 or m < 1:
        return comps
    k = min(2, m)
    if m >= _LANCZOS_MIN_STATEMENTS:
        # Lanczos on the sparse matrix (X^T X is never formed), to machine precision from a fixed start: the
        # same eigenvectors as the dense solver to rounding, several times faster at 1,000 statements.
        x = sp.csr_matrix((centred, (rows, cols)), shape=(n, m))
        xt = x.T.tocsr()
        gram_op = scipy.sparse.linalg.LinearOperator((m, m), matvec=lambda v: xt @ (x @ v), dtype=float)
        values, vecs = scipy.sparse.linalg.eigsh(gram_op, k=k, which="LA", v0=np.ones(m), tol=_LANCZOS_TOL)
        vecs = vecs[:, np.argsort(values)]
    else:
        if n * m <= _DENSE_PCA_MAX_CELLS:
            dense = np.zeros((n, m))
            dense[rows, cols] = centred
            gram = dense.T @ dense
        else:
            x = sp.csr_matrix((centred, (rows, cols)), shape=(n, m))
            gram = (x.T @ x).toarray()
        _, vecs = scipy.linalg.eigh(gram, subset_by_index=[m - k, m - 1])
    comps[:k] = vecs[:, ::-1].T
    return comps


def _orient(comps: np.ndarray, statement_ids: tuple, prev: PreviousState) -> np.ndarray:
    """Fix the sign of each component: follow the previous run's axes if any, else largest loading > 0."""
    prev_map: dict = {}
    if prev.components and prev.statement_ids:
        prev_map = {s: j for j, s in enumerate(prev.statement_ids)}
    common = [(j, prev_map[s]) for j, s in enumerate(statement_ids) if s in prev_map]
    out = comps.copy()
    for c in range(out.shape[0]):
        ref = 0.0
        if common:
            a = np.array([out[c, j] for j, _ in common])
            b = np.array([prev.components[c][k] for _, k in common])
            ref = float(a @ b)
        if ref == 0.0 and out.shape[1]:
            ref = out[c, int(np.argmax(np.abs(out[c])))]
        if ref < 0:
            out[c] = -out[c]
    return out
