package dev.linli.scheduling.rule;

import dev.linli.core.Id;
import dev.linli.core.place.AgeBand;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.ResidentProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may book: residents of one community, of some age bands, or members of some groups (only the
 * registered dance teams book the stage). Unset parts do not restrict. A resident the engine does not
 * know fails every set part. Immutable and thread-safe.
 *
 * @param residentOf the community a booker must live in, or null
 * @param ageBands the age bands allowed, or empty for any
 * @param groups the groups a booker must belong to one of, or empty for any
 * @since 0.1.0
 */
public record Eligibility(String residentOf, Set<AgeBand> ageBands, Set<String> groups)
    implements BookingRule {
  /** Copies the sets. */
  public Eligibility {
    Id.requireOptional(residentOf, "residentOf");
    ageBands = ageBands == null ? Set.of() : Set.copyOf(ageBands);
    groups = groups == null ? Set.of() : Set.copyOf(groups);
  }

  @Override
  public String type() {
    return "eligibility";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    Optional<ResidentProfile> p = context.resident(request.residentId());
    ResidentProfile known = p.orElse(null);
    if ((residentOf == null || (known != null && known.communityId().equals(residentOf)))
        && (ageBands.isEmpty() || (known != null && ageBands.contains(known.ageBand())))
        && (groups.isEmpty() || (known != null
            && known.groupIds().stream().anyMatch(groups::contains)))) {
      // An eligible resident: no list, no words.
      return List.of();
    }
    List<Reason> out = new ArrayList<>();
    if (residentOf != null && p.map(x -> !x.communityId().equals(residentOf)).orElse(true)) {
      out.add(Reason.of(RejectionCode.NOT_RESIDENT, type(), context.resource().id() + " is for residents of "
          + residentOf + "; " + request.residentId() + " is registered in "
          + p.map(ResidentProfile::communityId).orElse("no known community"),
          context.resource().id() + "仅限" + residentOf + "居民预约", "residentOf", residentOf));
    }
    if (!ageBands.isEmpty() && p.map(x -> !ageBands.contains(x.ageBand())).orElse(true)) {
      out.add(Reason.of(RejectionCode.AGE_BAND, type(), context.resource().id() + " is for age bands "
          + new TreeSet<>(ageBands) + "; " + request.residentId() + " is "
          + p.map(x -> x.ageBand().name()).orElse("unknown"), context.resource().id()
          + "仅限以下年龄段预约：" + new TreeSet<>(ageBands), "ageBands", new TreeSet<>(ageBands)));
    }
    if (!groups.isEmpty() && p.map(x -> x.groupIds().stream().noneMatch(groups::contains))
        .orElse(true)) {
      out.add(Reason.of(RejectionCode.NOT_IN_GROUP, type(), context.resource().id()
          + " is booked only by members of " + new TreeSet<>(groups), context.resource().id()
          + "仅限以下团队成员预约：" + new TreeSet<>(groups), "groups", new TreeSet<>(groups)));
    }
    return out;
  }
}
