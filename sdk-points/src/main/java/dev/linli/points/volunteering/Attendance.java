package dev.linli.points.volunteering;

import java.time.Duration;
import java.time.Instant;

/**
 * One volunteer's record in one activity, as a snapshot. Immutable and thread-safe.
 *
 * @param activityId the activity
 * @param volunteerId the volunteer
 * @param roleId their role
 * @param state where they are
 * @param signedUpAt when they signed up (or joined the waitlist)
 * @param checkedInAt when they checked in, or null
 * @param checkedOutAt when they checked out, or null
 * @param counted the service time the organiser confirmed, or null before
 * @param note the organiser's reason for an adjustment, or a complaint, or empty
 * @param confirmedAt when the organiser confirmed, or null
 * @since 0.1.0
 */
public record Attendance(String activityId, String volunteerId, String roleId,
    AttendanceState state, Instant signedUpAt, Instant checkedInAt, Instant checkedOutAt,
    Duration counted, String note, Instant confirmedAt) {
  Attendance with(AttendanceState next) {
    return new Attendance(activityId, volunteerId, roleId, next, signedUpAt, checkedInAt,
        checkedOutAt, counted, note, confirmedAt);
  }
}
