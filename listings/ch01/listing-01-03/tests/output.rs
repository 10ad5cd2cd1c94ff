course_testkit::recorded_output_test!(arguments = ["1000"]);
