// Constructions for families of social golfer instances (docs/groups-engine.md):
// - round robin (circle method): g groups of 2, up to 2g-1 rounds;
// - the lines of the affine geometry AG(n, q), q a prime power: q^(n-1) groups of q, up to
//   (q^n-1)/(q-1) rounds (n = 2: the affine plane, q^2 people in q+1 rounds; q = 3: Kirkman
//   triple systems on 3^n people);
// - the affine plane cut to s of its q columns (a transversal design from GF(q)): q groups of
//   s <= q, q rounds, plus one more when s divides q (each column cut into q/s groups).
#include "core/groups/construction.hpp"

#include <algorithm>

namespace kollega::groups {

namespace {

/// The prime p and exponent k with q = p^k, or {0, 0}.
std::pair<int, int> prime_power(int q) {
    if (q < 2) return {0, 0};
    int p = 2;
    while (p * p <= q && q % p != 0) ++p;
    if (q % p != 0) p = q;
    int k = 0;
    int rest = q;
    while (rest % p == 0) {
        rest /= p;
        ++k;
    }
    return rest == 1 ? std::pair<int, int>{p, k} : std::pair<int, int>{0, 0};
}

using Poly = std::vector<int>;  // coefficients, lowest first, over GF(p)

/// The remainder of a divided by monic b over GF(p).
Poly remainder(Poly a, const Poly& b, int p) {
    const std::size_t db = b.size() - 1;
    while (a.size() > db) {
        const int lead = a.back();
        const std::size_t shift = a.size() - 1 - db;
        for (std::size_t i = 0; i <= db; ++i) a[shift + i] = ((a[shift + i] - lead * b[i]) % p + p) % p;
        a.pop_back();
    }
    return a;
}

Poly digits(int value, int p, int count) {
    Poly d(static_cast<std::size_t>(count));
    for (auto& x : d) {
        x = value % p;
        value /= p;
    }
    return d;
}

/// A monic irreducible polynomial of degree k over GF(p) (the first in counting order).
Poly irreducible(int p, int k) {
    int total = 1;
    for (int i = 0; i < k; ++i) total *= p;
    for (int low = 0; low < total; ++low) {
        Poly f = digits(low, p, k);
        f.push_back(1);
        bool reducible = false;
        for (int deg = 1; deg <= k / 2 && !reducible; ++deg) {
            int count = 1;
            for (int i = 0; i < deg; ++i) count *= p;
            for (int c = 0; c < count && !reducible; ++c) {
                Poly g = digits(c, p, deg);
                g.push_back(1);
                const Poly r = remainder(f, g, p);
                reducible = std::all_of(r.begin(), r.end(), [](int x) { return x == 0; });
            }
        }
        if (!reducible) return f;
    }
    return {};
}

}  // namespace

Field make_field(int q) {
    Field field;
    const auto [p, k] = prime_power(q);
    if (p == 0 || q > 1024) return field;
    const Poly f = irreducible(p, k);
    field.q = q;
    field.add.resize(static_cast<std::size_t>(q) * q);
    field.mul.resize(static_cast<std::size_t>(q) * q);
    for (int a = 0; a < q; ++a) {
        const Poly da = digits(a, p, k);
        for (int b = 0; b < q; ++b) {
            const Poly db = digits(b, p, k);
            int sum = 0;
            int scale = 1;
            for (int i = 0; i < k; ++i) {
                sum += ((da[i] + db[i]) % p) * scale;
                scale *= p;
            }
            field.add[static_cast<std::size_t>(a) * q + b] = sum;
            Poly prod(static_cast<std::size_t>(2 * k - 1), 0);
            for (int i = 0; i < k; ++i)
                for (int j = 0; j < k; ++j) prod[i + j] = (prod[i + j] + da[i] * db[j]) % p;
            const Poly r = k > 1 ? remainder(prod, f, p) : prod;
            int value = 0;
            scale = 1;
            for (std::size_t i = 0; i < r.size(); ++i) {
                value += r[i] * scale;
                scale *= p;
            }
            field.mul[static_cast<std::size_t>(a) * q + b] = value;
        }
    }
    return field;
}

namespace {

void normalise(Schedule& schedule) {
    for (auto& round : schedule) {
        for (auto& group : round) std::sort(group.begin(), group.end());
        std::sort(round.begin(), round.end());
    }
}

/// The circle method: person 2g-1 stays, the others turn.
Schedule round_robin(int groups, int rounds) {
    const int n = 2 * groups;
    const int m = n - 1;
    Schedule s(rounds);
    for (int r = 0; r < rounds; ++r) {
        s[r].push_back({r, n - 1});
        for (int i = 1; i < groups; ++i) s[r].push_back({(r + i) % m, (r - i + m) % m});
    }
    return s;
}

/// The parallel classes of lines of AG(dim, q); point = base-q digits of its id.
Schedule affine_geometry(const Field& field, int dim, int rounds) {
    const int q = field.q;
    int points = 1;
    for (int i = 0; i < dim; ++i) points *= q;
    const auto coords = [&](int id) {
        std::vector<int> c(static_cast<std::size_t>(dim));
        for (auto& x : c) {
            x = id % q;
            id /= q;
        }
        return c;
    };
    const auto id_of = [&](const std::vector<int>& c) {
        int id = 0;
        for (int i = dim - 1; i >= 0; --i) id = id * q + c[i];
        return id;
    };
    Schedule s;
    for (int dir = 1; dir < points && static_cast<int>(s.size()) < rounds; ++dir) {
        const auto d = coords(dir);
        // One direction per projective point: the last non-zero coordinate is 1.
        int last = dim - 1;
        while (d[last] == 0) --last;
        if (d[last] != 1) continue;
        std::vector<char> used(static_cast<std::size_t>(points), 0);
        std::vector<std::vector<int>> round;
        for (int x = 0; x < points; ++x) {
            if (used[x]) continue;
            const auto base = coords(x);
            std::vector<int> line;
            for (int t = 0; t < q; ++t) {
                std::vector<int> pt(base);
                for (int i = 0; i < dim; ++i) pt[i] = field.plus(base[i], field.times(t, d[i]));
                const int id = id_of(pt);
                used[id] = 1;
                line.push_back(id);
            }
            round.push_back(line);
        }
        s.push_back(round);
    }
    return s;
}

/// The affine plane over GF(q) cut to `size` columns: person x*q + y is the point (x, y).
Schedule cut_plane(const Field& field, int size, int rounds) {
    const int q = field.q;
    Schedule s;
    for (int slope = 0; slope < q && static_cast<int>(s.size()) < rounds; ++slope) {
        std::vector<std::vector<int>> round;
        for (int b = 0; b < q; ++b) {
            std::vector<int> line;
            for (int x = 0; x < size; ++x) line.push_back(x * q + field.plus(field.times(slope, x), b));
            round.push_back(line);
        }
        s.push_back(round);
    }
    if (static_cast<int>(s.size()) < rounds && q % size == 0) {
        std::vector<std::vector<int>> round;
        for (int x = 0; x < size; ++x)
            for (int y0 = 0; y0 < q; y0 += size) {
                std::vector<int> group;
                for (int y = y0; y < y0 + size; ++y) group.push_back(x * q + y);
                round.push_back(group);
            }
        s.push_back(round);
    }
    return s;
}

}  // namespace

Construction construct(int groups, int size, int rounds) {
    Construction c;
    if (groups < 1 || size < 2 || rounds < 1) return c;
    if (size == 2 && rounds <= 2 * groups - 1) {
        c.schedule = round_robin(groups, rounds);
        c.name = "round-robin";
    }
    if (c.schedule.empty()) {
        // AG(dim, size): size^(dim-1) groups.
        const Field field = make_field(size);
        int points = size;
        for (int dim = 2; field.q && points <= 1 << 16; ++dim) {
            points *= size;
            if (points / size != groups) continue;
            long long lines = 1;
            long long power = 1;
            for (int i = 1; i < dim; ++i) {
                power *= size;
                lines += power;
            }
            if (rounds <= lines) {
                c.schedule = affine_geometry(field, dim, rounds);
                c.name = dim == 2 ? "affine-plane" : "affine-geometry";
            }
            break;
        }
    }
    // (GF(q) tables grow with q^2: fields up to 512 elements, i.e. up to 512 groups.)
    if (c.schedule.empty() && size < groups && groups <= 512 && rounds <= groups + (groups % size == 0 ? 1 : 0)) {
        const Field field = make_field(groups);
        if (field.q) {
            c.schedule = cut_plane(field, size, rounds);
            c.name = "transversal-design";
        }
    }
    if (static_cast<int>(c.schedule.size()) != rounds) return Construction{};
    normalise(c.schedule);
    return c;
}

}  // namespace kollega::groups
