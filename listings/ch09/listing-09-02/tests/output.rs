course_testkit::recorded_output_test!();
