//! Tests of `flowgraph`, part 2 (the helpers are in `main.rs`).

use super::*;

#[test]
fn jumps_with_extended_args() {
    check(Case {
        source: "while x:\n    y0 = x.a.b.c.d\n    y1 = x.a.b.c.d\n    y2 = x.a.b.c.d\n    y3 = x.a.b.c.d\n    y4 = x.a.b.c.d\n    y5 = x.a.b.c.d\n    y6 = x.a.b.c.d\n",
        consts: "29014e",
        meta: "a906e900000000e9010000007201000000a90072030000007203000000",
        nlocals: 0,
        input: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:6-1:7
2 TO_BOOL - 1:6-1:7
3 POP_JUMP_IF_FALSE 49 1:6-1:7
4 LOAD_NAME 0 2:9-2:10
5 LOAD_ATTR 2 2:9-2:12
6 LOAD_ATTR 4 2:9-2:14
7 LOAD_ATTR 6 2:9-2:16
8 LOAD_ATTR 8 2:9-2:18
9 STORE_NAME 5 2:4-2:6
10 LOAD_NAME 0 3:9-3:10
11 LOAD_ATTR 2 3:9-3:12
12 LOAD_ATTR 4 3:9-3:14
13 LOAD_ATTR 6 3:9-3:16
14 LOAD_ATTR 8 3:9-3:18
15 STORE_NAME 6 3:4-3:6
16 LOAD_NAME 0 4:9-4:10
17 LOAD_ATTR 2 4:9-4:12
18 LOAD_ATTR 4 4:9-4:14
19 LOAD_ATTR 6 4:9-4:16
20 LOAD_ATTR 8 4:9-4:18
21 STORE_NAME 7 4:4-4:6
22 LOAD_NAME 0 5:9-5:10
23 LOAD_ATTR 2 5:9-5:12
24 LOAD_ATTR 4 5:9-5:14
25 LOAD_ATTR 6 5:9-5:16
26 LOAD_ATTR 8 5:9-5:18
27 STORE_NAME 8 5:4-5:6
28 LOAD_NAME 0 6:9-6:10
29 LOAD_ATTR 2 6:9-6:12
30 LOAD_ATTR 4 6:9-6:14
31 LOAD_ATTR 6 6:9-6:16
32 LOAD_ATTR 8 6:9-6:18
33 STORE_NAME 9 6:4-6:6
34 LOAD_NAME 0 7:9-7:10
35 LOAD_ATTR 2 7:9-7:12
36 LOAD_ATTR 4 7:9-7:14
37 LOAD_ATTR 6 7:9-7:16
38 LOAD_ATTR 8 7:9-7:18
39 STORE_NAME 10 7:4-7:6
40 LOAD_NAME 0 8:9-8:10
41 LOAD_ATTR 2 8:9-8:12
42 LOAD_ATTR 4 8:9-8:14
43 LOAD_ATTR 6 8:9-8:16
44 LOAD_ATTR 8 8:9-8:18
45 STORE_NAME 11 8:4-8:6
46 LOAD_NAME 0 1:6-1:7
47 TO_BOOL - 1:6-1:7
48 POP_JUMP_IF_TRUE 4 1:6-1:7
49 LOAD_CONST 0 -1:-1--1:-1
50 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:6-1:7
2 TO_BOOL - 1:6-1:7
3 POP_JUMP_IF_FALSE 50 1:6-1:7
4 LOAD_NAME 0 2:9-2:10
5 LOAD_ATTR 2 2:9-2:12
6 LOAD_ATTR 4 2:9-2:14
7 LOAD_ATTR 6 2:9-2:16
8 LOAD_ATTR 8 2:9-2:18
9 STORE_NAME 5 2:4-2:6
10 LOAD_NAME 0 3:9-3:10
11 LOAD_ATTR 2 3:9-3:12
12 LOAD_ATTR 4 3:9-3:14
13 LOAD_ATTR 6 3:9-3:16
14 LOAD_ATTR 8 3:9-3:18
15 STORE_NAME 6 3:4-3:6
16 LOAD_NAME 0 4:9-4:10
17 LOAD_ATTR 2 4:9-4:12
18 LOAD_ATTR 4 4:9-4:14
19 LOAD_ATTR 6 4:9-4:16
20 LOAD_ATTR 8 4:9-4:18
21 STORE_NAME 7 4:4-4:6
22 LOAD_NAME 0 5:9-5:10
23 LOAD_ATTR 2 5:9-5:12
24 LOAD_ATTR 4 5:9-5:14
25 LOAD_ATTR 6 5:9-5:16
26 LOAD_ATTR 8 5:9-5:18
27 STORE_NAME 8 5:4-5:6
28 LOAD_NAME 0 6:9-6:10
29 LOAD_ATTR 2 6:9-6:12
30 LOAD_ATTR 4 6:9-6:14
31 LOAD_ATTR 6 6:9-6:16
32 LOAD_ATTR 8 6:9-6:18
33 STORE_NAME 9 6:4-6:6
34 LOAD_NAME 0 7:9-7:10
35 LOAD_ATTR 2 7:9-7:12
36 LOAD_ATTR 4 7:9-7:14
37 LOAD_ATTR 6 7:9-7:16
38 LOAD_ATTR 8 7:9-7:18
39 STORE_NAME 10 7:4-7:6
40 LOAD_NAME 0 8:9-8:10
41 LOAD_ATTR 2 8:9-8:12
42 LOAD_ATTR 4 8:9-8:14
43 LOAD_ATTR 6 8:9-8:16
44 LOAD_ATTR 8 8:9-8:18
45 STORE_NAME 11 8:4-8:6
46 LOAD_NAME 0 1:6-1:7
47 TO_BOOL - 1:6-1:7
48 POP_JUMP_IF_TRUE 4 1:6-1:7
49 RETURN_CONST 0 1:6-1:7
50 RETURN_CONST 0 1:6-1:7
",
        optimized_consts: "29014e",
        finalized: "\
0 RESUME 0 0:0-1:0 h=-1/0/0
1 LOAD_NAME 0 1:6-1:7 h=-1/0/0
2 TO_BOOL 0 1:6-1:7 h=-1/0/0
3 POP_JUMP_IF_FALSE 305 1:6-1:7 h=-1/0/0
4 LOAD_NAME 0 2:9-2:10 h=-1/0/0
5 LOAD_ATTR 2 2:9-2:12 h=-1/0/0
6 LOAD_ATTR 4 2:9-2:14 h=-1/0/0
7 LOAD_ATTR 6 2:9-2:16 h=-1/0/0
8 LOAD_ATTR 8 2:9-2:18 h=-1/0/0
9 STORE_NAME 5 2:4-2:6 h=-1/0/0
10 LOAD_NAME 0 3:9-3:10 h=-1/0/0
11 LOAD_ATTR 2 3:9-3:12 h=-1/0/0
12 LOAD_ATTR 4 3:9-3:14 h=-1/0/0
13 LOAD_ATTR 6 3:9-3:16 h=-1/0/0
14 LOAD_ATTR 8 3:9-3:18 h=-1/0/0
15 STORE_NAME 6 3:4-3:6 h=-1/0/0
16 LOAD_NAME 0 4:9-4:10 h=-1/0/0
17 LOAD_ATTR 2 4:9-4:12 h=-1/0/0
18 LOAD_ATTR 4 4:9-4:14 h=-1/0/0
19 LOAD_ATTR 6 4:9-4:16 h=-1/0/0
20 LOAD_ATTR 8 4:9-4:18 h=-1/0/0
21 STORE_NAME 7 4:4-4:6 h=-1/0/0
22 LOAD_NAME 0 5:9-5:10 h=-1/0/0
23 LOAD_ATTR 2 5:9-5:12 h=-1/0/0
24 LOAD_ATTR 4 5:9-5:14 h=-1/0/0
25 LOAD_ATTR 6 5:9-5:16 h=-1/0/0
26 LOAD_ATTR 8 5:9-5:18 h=-1/0/0
27 STORE_NAME 8 5:4-5:6 h=-1/0/0
28 LOAD_NAME 0 6:9-6:10 h=-1/0/0
29 LOAD_ATTR 2 6:9-6:12 h=-1/0/0
30 LOAD_ATTR 4 6:9-6:14 h=-1/0/0
31 LOAD_ATTR 6 6:9-6:16 h=-1/0/0
32 LOAD_ATTR 8 6:9-6:18 h=-1/0/0
33 STORE_NAME 9 6:4-6:6 h=-1/0/0
34 LOAD_NAME 0 7:9-7:10 h=-1/0/0
35 LOAD_ATTR 2 7:9-7:12 h=-1/0/0
36 LOAD_ATTR 4 7:9-7:14 h=-1/0/0
37 LOAD_ATTR 6 7:9-7:16 h=-1/0/0
38 LOAD_ATTR 8 7:9-7:18 h=-1/0/0
39 STORE_NAME 10 7:4-7:6 h=-1/0/0
40 LOAD_NAME 0 8:9-8:10 h=-1/0/0
41 LOAD_ATTR 2 8:9-8:12 h=-1/0/0
42 LOAD_ATTR 4 8:9-8:14 h=-1/0/0
43 LOAD_ATTR 6 8:9-8:16 h=-1/0/0
44 LOAD_ATTR 8 8:9-8:18 h=-1/0/0
45 STORE_NAME 11 8:4-8:6 h=-1/0/0
46 LOAD_NAME 0 1:6-1:7 h=-1/0/0
47 TO_BOOL 0 1:6-1:7 h=-1/0/0
48 POP_JUMP_IF_FALSE 3 1:6-1:7 h=-1/0/0
49 JUMP_BACKWARD 304 1:6-1:7 h=-1/0/0
50 RETURN_CONST 0 1:6-1:7 h=-1/0/0
51 RETURN_CONST 0 1:6-1:7 h=-1/0/0
",
        final_consts: "a9014e",
        stacksize: 1,
    });
}

#[test]
fn async_with_and_yield_in_try() {
    check(Case {
        source: "async def f(s):\n    async with s as t:\n        try:\n            await t\n        except E:\n            return 1\n",
        consts: "29024ee901000000",
        meta: "a906e9010000007201000000e983000000a902da0173da0174a9007206000000",
        nlocals: 2,
        input: "\
0 SETUP_CLEANUP 109 -1:-1--1:-1
1 RESUME 0 1:0-1:0
2 LOAD_FAST 0 2:15-2:16
3 BEFORE_ASYNC_WITH - 2:15-2:16
4 GET_AWAITABLE 1 2:15-2:16
5 LOAD_CONST 0 2:15-2:16
6 SEND 13 2:15-2:16
7 SETUP_FINALLY 12 2:15-2:16
8 YIELD_VALUE 1 2:15-2:16
9 POP_BLOCK - -1:-1--1:-1
10 RESUME 3 2:15-2:16
11 JUMP_NO_INTERRUPT 6 2:15-2:16
12 CLEANUP_THROW - 2:15-2:16
13 END_SEND - 2:15-2:16
14 SETUP_WITH 82 2:15-2:16
15 STORE_FAST 1 2:20-2:21
16 SETUP_FINALLY 31 3:8-6:20
17 LOAD_FAST 1 4:18-4:19
18 GET_AWAITABLE 0 4:12-4:19
19 LOAD_CONST 0 4:12-4:19
20 SEND 27 4:12-4:19
21 SETUP_FINALLY 26 4:12-4:19
22 YIELD_VALUE 1 4:12-4:19
23 POP_BLOCK - -1:-1--1:-1
24 RESUME 3 4:12-4:19
25 JUMP_NO_INTERRUPT 20 4:12-4:19
26 CLEANUP_THROW - 4:12-4:19
27 END_SEND - 4:12-4:19
28 POP_TOP - -1:-1--1:-1
29 POP_BLOCK - -1:-1--1:-1
30 JUMP_NO_INTERRUPT 65 -1:-1--1:-1
31 SETUP_CLEANUP 62 -1:-1--1:-1
32 PUSH_EXC_INFO - -1:-1--1:-1
33 LOAD_GLOBAL 0 5:15-5:16
34 CHECK_EXC_MATCH - 5:8-6:20
35 POP_JUMP_IF_FALSE 61 5:8-6:20
36 POP_TOP - 5:8-6:20
37 NOP - 6:19-6:20
38 POP_BLOCK - 6:19-6:20
39 POP_EXCEPT - 6:19-6:20
40 POP_BLOCK - 2:15-2:16
41 LOAD_CONST 0 2:15-2:16
42 LOAD_CONST 0 2:15-2:16
43 LOAD_CONST 0 2:15-2:16
44 CALL 2 2:15-2:16
45 GET_AWAITABLE 2 2:15-2:16
46 LOAD_CONST 0 2:15-2:16
47 SEND 54 2:15-2:16
48 SETUP_FINALLY 53 2:15-2:16
49 YIELD_VALUE 1 2:15-2:16
50 POP_BLOCK - -1:-1--1:-1
51 RESUME 3 2:15-2:16
52 JUMP_NO_INTERRUPT 47 2:15-2:16
53 CLEANUP_THROW - 2:15-2:16
54 END_SEND - 2:15-2:16
55 POP_TOP - 2:15-2:16
56 LOAD_CONST 1 -1:-1--1:-1
57 RETURN_VALUE - -1:-1--1:-1
58 POP_BLOCK - -1:-1--1:-1
59 POP_EXCEPT - -1:-1--1:-1
60 JUMP_NO_INTERRUPT 65 -1:-1--1:-1
61 RERAISE 0 -1:-1--1:-1
62 COPY 3 -1:-1--1:-1
63 POP_EXCEPT - -1:-1--1:-1
64 RERAISE 1 -1:-1--1:-1
65 POP_BLOCK - 2:15-2:16
66 LOAD_CONST 0 2:15-2:16
67 LOAD_CONST 0 2:15-2:16
68 LOAD_CONST 0 2:15-2:16
69 CALL 2 2:15-2:16
70 GET_AWAITABLE 2 2:15-2:16
71 LOAD_CONST 0 2:15-2:16
72 SEND 79 2:15-2:16
73 SETUP_FINALLY 78 2:15-2:16
74 YIELD_VALUE 1 2:15-2:16
75 POP_BLOCK - -1:-1--1:-1
76 RESUME 3 2:15-2:16
77 JUMP_NO_INTERRUPT 72 2:15-2:16
78 CLEANUP_THROW - 2:15-2:16
79 END_SEND - 2:15-2:16
80 POP_TOP - 2:15-2:16
81 JUMP 107 2:15-2:16
82 SETUP_CLEANUP 104 2:15-2:16
83 PUSH_EXC_INFO - 2:15-2:16
84 WITH_EXCEPT_START - 2:15-2:16
85 GET_AWAITABLE 2 2:15-2:16
86 LOAD_CONST 0 2:15-2:16
87 SEND 94 2:15-2:16
88 SETUP_FINALLY 93 2:15-2:16
89 YIELD_VALUE 1 2:15-2:16
90 POP_BLOCK - -1:-1--1:-1
91 RESUME 3 2:15-2:16
92 JUMP_NO_INTERRUPT 87 2:15-2:16
93 CLEANUP_THROW - 2:15-2:16
94 END_SEND - 2:15-2:16
95 TO_BOOL - -1:-1--1:-1
96 POP_JUMP_IF_TRUE 98 -1:-1--1:-1
97 RERAISE 2 -1:-1--1:-1
98 POP_TOP - -1:-1--1:-1
99 POP_BLOCK - -1:-1--1:-1
100 POP_EXCEPT - -1:-1--1:-1
101 POP_TOP - -1:-1--1:-1
102 POP_TOP - -1:-1--1:-1
103 JUMP_NO_INTERRUPT 107 -1:-1--1:-1
104 COPY 3 -1:-1--1:-1
105 POP_EXCEPT - -1:-1--1:-1
106 RERAISE 1 -1:-1--1:-1
107 LOAD_CONST 0 -1:-1--1:-1
108 RETURN_VALUE - -1:-1--1:-1
109 CALL_INTRINSIC_1 3 -1:-1--1:-1
110 RERAISE 1 -1:-1--1:-1
111 LOAD_CONST 0 -1:-1--1:-1
112 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 SETUP_CLEANUP 94 -1:-1--1:-1
1 RESUME 0 1:0-1:0
2 LOAD_FAST_CHECK 0 2:15-2:16
3 BEFORE_ASYNC_WITH - 2:15-2:16
4 GET_AWAITABLE 1 2:15-2:16
5 LOAD_CONST 0 2:15-2:16
6 SEND 11 2:15-2:16
7 SETUP_FINALLY 39 2:15-2:16
8 YIELD_VALUE 1 2:15-2:16
9 RESUME 3 2:15-2:16
10 JUMP_NO_INTERRUPT 6 2:15-2:16
11 END_SEND - 2:15-2:16
12 SETUP_WITH 71 2:15-2:16
13 STORE_FAST 1 2:20-2:21
14 SETUP_FINALLY 43 3:8-6:20
15 LOAD_FAST 1 4:18-4:19
16 GET_AWAITABLE 0 4:12-4:19
17 LOAD_CONST 0 4:12-4:19
18 SEND 23 4:12-4:19
19 SETUP_FINALLY 41 4:12-4:19
20 YIELD_VALUE 1 4:12-4:19
21 RESUME 3 4:12-4:19
22 JUMP_NO_INTERRUPT 18 4:12-4:19
23 END_SEND - 4:12-4:19
24 POP_TOP - 4:12-4:19
25 LOAD_CONST 0 2:15-2:16
26 LOAD_CONST 0 2:15-2:16
27 LOAD_CONST 0 2:15-2:16
28 CALL 2 2:15-2:16
29 GET_AWAITABLE 2 2:15-2:16
30 LOAD_CONST 0 2:15-2:16
31 SEND 36 2:15-2:16
32 SETUP_FINALLY 69 2:15-2:16
33 YIELD_VALUE 1 2:15-2:16
34 RESUME 3 2:15-2:16
35 JUMP_NO_INTERRUPT 31 2:15-2:16
36 END_SEND - 2:15-2:16
37 POP_TOP - 2:15-2:16
38 RETURN_CONST 0 2:15-2:16
39 CLEANUP_THROW - 2:15-2:16
40 JUMP_NO_INTERRUPT 11 2:15-2:16
41 CLEANUP_THROW - 4:12-4:19
42 JUMP_NO_INTERRUPT 23 4:12-4:19
43 SETUP_CLEANUP 66 -1:-1--1:-1
44 PUSH_EXC_INFO - -1:-1--1:-1
45 LOAD_GLOBAL 0 5:15-5:16
46 CHECK_EXC_MATCH - 5:8-6:20
47 POP_JUMP_IF_FALSE 65 5:8-6:20
48 POP_TOP - 5:8-6:20
49 POP_EXCEPT - 6:19-6:20
50 LOAD_CONST 0 2:15-2:16
51 LOAD_CONST 0 2:15-2:16
52 LOAD_CONST 0 2:15-2:16
53 CALL 2 2:15-2:16
54 GET_AWAITABLE 2 2:15-2:16
55 LOAD_CONST 0 2:15-2:16
56 SEND 62 2:15-2:16
57 SETUP_FINALLY 61 2:15-2:16
58 YIELD_VALUE 1 2:15-2:16
59 RESUME 3 2:15-2:16
60 JUMP_NO_INTERRUPT 56 2:15-2:16
61 CLEANUP_THROW - 2:15-2:16
62 END_SEND - 2:15-2:16
63 POP_TOP - 2:15-2:16
64 RETURN_CONST 1 2:15-2:16
65 RERAISE 0 5:8-6:20
66 COPY 3 -1:-1--1:-1
67 POP_EXCEPT - -1:-1--1:-1
68 RERAISE 1 -1:-1--1:-1
69 CLEANUP_THROW - 2:15-2:16
70 JUMP_NO_INTERRUPT 36 2:15-2:16
71 SETUP_CLEANUP 91 2:15-2:16
72 PUSH_EXC_INFO - 2:15-2:16
73 WITH_EXCEPT_START - 2:15-2:16
74 GET_AWAITABLE 2 2:15-2:16
75 LOAD_CONST 0 2:15-2:16
76 SEND 82 2:15-2:16
77 SETUP_FINALLY 81 2:15-2:16
78 YIELD_VALUE 1 2:15-2:16
79 RESUME 3 2:15-2:16
80 JUMP_NO_INTERRUPT 76 2:15-2:16
81 CLEANUP_THROW - 2:15-2:16
82 END_SEND - 2:15-2:16
83 TO_BOOL - 2:15-2:16
84 POP_JUMP_IF_TRUE 86 2:15-2:16
85 RERAISE 2 2:15-2:16
86 POP_TOP - 2:15-2:16
87 POP_EXCEPT - 2:15-2:16
88 POP_TOP - 2:15-2:16
89 POP_TOP - 2:15-2:16
90 RETURN_CONST 0 2:15-2:16
91 COPY 3 -1:-1--1:-1
92 POP_EXCEPT - -1:-1--1:-1
93 RERAISE 1 -1:-1--1:-1
94 CALL_INTRINSIC_1 3 -1:-1--1:-1
95 RERAISE 1 -1:-1--1:-1
",
        optimized_consts: "29024ee901000000",
        finalized: "\
0 RETURN_GENERATOR 0 1:-1-1:-1 h=-1/0/0
1 POP_TOP 0 1:-1-1:-1 h=-1/0/0
2 RESUME 0 1:0-1:0 h=87/2/1
3 LOAD_FAST 0 2:15-2:16 h=87/2/1
4 BEFORE_ASYNC_WITH 0 2:15-2:16 h=87/2/1
5 GET_AWAITABLE 1 2:15-2:16 h=87/2/1
6 LOAD_CONST 0 2:15-2:16 h=87/2/1
7 SEND 3 2:15-2:16 h=87/2/1
8 YIELD_VALUE 1 2:15-2:16 h=36/4/0
9 RESUME 3 2:15-2:16 h=87/2/1
10 JUMP_BACKWARD_NO_INTERRUPT 5 2:15-2:16 h=87/2/1
11 END_SEND 0 2:15-2:16 h=87/2/1
12 STORE_FAST 1 2:20-2:21 h=66/3/1
13 NOP 0 3:8-6:20 h=-1/0/0
14 LOAD_FAST 1 4:18-4:19 h=40/2/0
15 GET_AWAITABLE 0 4:12-4:19 h=40/2/0
16 LOAD_CONST 0 4:12-4:19 h=40/2/0
17 SEND 3 4:12-4:19 h=40/2/0
18 YIELD_VALUE 1 4:12-4:19 h=38/4/0
19 RESUME 3 4:12-4:19 h=40/2/0
20 JUMP_BACKWARD_NO_INTERRUPT 5 4:12-4:19 h=40/2/0
21 END_SEND 0 4:12-4:19 h=40/2/0
22 POP_TOP 0 4:12-4:19 h=40/2/0
23 LOAD_CONST 0 2:15-2:16 h=87/2/1
24 LOAD_CONST 0 2:15-2:16 h=87/2/1
25 LOAD_CONST 0 2:15-2:16 h=87/2/1
26 CALL 2 2:15-2:16 h=87/2/1
27 GET_AWAITABLE 2 2:15-2:16 h=87/2/1
28 LOAD_CONST 0 2:15-2:16 h=87/2/1
29 SEND 3 2:15-2:16 h=87/2/1
30 YIELD_VALUE 1 2:15-2:16 h=64/3/0
31 RESUME 3 2:15-2:16 h=87/2/1
32 JUMP_BACKWARD_NO_INTERRUPT 5 2:15-2:16 h=87/2/1
33 END_SEND 0 2:15-2:16 h=87/2/1
34 POP_TOP 0 2:15-2:16 h=87/2/1
35 RETURN_CONST 0 2:15-2:16 h=87/2/1
36 CLEANUP_THROW 0 2:15-2:16 h=87/2/1
37 JUMP_BACKWARD_NO_INTERRUPT 32 2:15-2:16 h=-1/0/0
38 CLEANUP_THROW 0 4:12-4:19 h=40/2/0
39 JUMP_BACKWARD_NO_INTERRUPT 23 4:12-4:19 h=-1/0/0
40 PUSH_EXC_INFO 0 -1:-1--1:-1 h=61/4/1
41 LOAD_GLOBAL 0 5:15-5:16 h=61/4/1
42 CHECK_EXC_MATCH 0 5:8-6:20 h=61/4/1
43 POP_JUMP_IF_FALSE 20 5:8-6:20 h=61/4/1
44 POP_TOP 0 5:8-6:20 h=61/4/1
45 POP_EXCEPT 0 6:19-6:20 h=66/3/1
46 LOAD_CONST 0 2:15-2:16 h=87/2/1
47 LOAD_CONST 0 2:15-2:16 h=87/2/1
48 LOAD_CONST 0 2:15-2:16 h=87/2/1
49 CALL 2 2:15-2:16 h=87/2/1
50 GET_AWAITABLE 2 2:15-2:16 h=87/2/1
51 LOAD_CONST 0 2:15-2:16 h=87/2/1
52 SEND 4 2:15-2:16 h=87/2/1
53 YIELD_VALUE 1 2:15-2:16 h=56/3/0
54 RESUME 3 2:15-2:16 h=87/2/1
55 JUMP_BACKWARD_NO_INTERRUPT 5 2:15-2:16 h=87/2/1
56 CLEANUP_THROW 0 2:15-2:16 h=87/2/1
57 END_SEND 0 2:15-2:16 h=87/2/1
58 POP_TOP 0 2:15-2:16 h=87/2/1
59 RETURN_CONST 1 2:15-2:16 h=87/2/1
60 RERAISE 0 5:8-6:20 h=61/4/1
61 COPY 3 -1:-1--1:-1 h=66/3/1
62 POP_EXCEPT 0 -1:-1--1:-1 h=66/3/1
63 RERAISE 1 -1:-1--1:-1 h=66/3/1
64 CLEANUP_THROW 0 2:15-2:16 h=87/2/1
65 JUMP_BACKWARD_NO_INTERRUPT 42 2:15-2:16 h=-1/0/0
66 PUSH_EXC_INFO 0 2:15-2:16 h=84/5/1
67 WITH_EXCEPT_START 0 2:15-2:16 h=84/5/1
68 GET_AWAITABLE 2 2:15-2:16 h=84/5/1
69 LOAD_CONST 0 2:15-2:16 h=84/5/1
70 SEND 4 2:15-2:16 h=84/5/1
71 YIELD_VALUE 1 2:15-2:16 h=74/7/0
72 RESUME 3 2:15-2:16 h=84/5/1
73 JUMP_BACKWARD_NO_INTERRUPT 5 2:15-2:16 h=84/5/1
74 CLEANUP_THROW 0 2:15-2:16 h=84/5/1
75 END_SEND 0 2:15-2:16 h=84/5/1
76 TO_BOOL 0 2:15-2:16 h=84/5/1
77 POP_JUMP_IF_TRUE 1 2:15-2:16 h=84/5/1
78 RERAISE 2 2:15-2:16 h=84/5/1
79 POP_TOP 0 2:15-2:16 h=84/5/1
80 POP_EXCEPT 0 2:15-2:16 h=87/2/1
81 POP_TOP 0 2:15-2:16 h=87/2/1
82 POP_TOP 0 2:15-2:16 h=87/2/1
83 RETURN_CONST 0 2:15-2:16 h=87/2/1
84 COPY 3 -1:-1--1:-1 h=87/2/1
85 POP_EXCEPT 0 -1:-1--1:-1 h=87/2/1
86 RERAISE 1 -1:-1--1:-1 h=87/2/1
87 CALL_INTRINSIC_1 3 -1:-1--1:-1 h=-1/0/0
88 RERAISE 1 -1:-1--1:-1 h=-1/0/0
",
        final_consts: "a9024ee901000000",
        stacksize: 7,
    });
}

/// Hostile sequences (random opcodes, opargs, jump targets and locations) give a result or an
/// error, never a panic or a hang.
#[test]
fn random_sequences_never_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| -> u64 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n.max(1)
    };
    let opcodes: Vec<Opcode> = Opcode::all()
        .filter(|op| op.kind() == taipan_bytecode::OpcodeKind::Base || op.is_pseudo())
        .collect();
    let common = [
        Opcode::LOAD_CONST,
        Opcode::POP_JUMP_IF_FALSE,
        Opcode::JUMP,
        Opcode::NOP,
        Opcode::SWAP,
        Opcode::BUILD_TUPLE,
        Opcode::LOAD_FAST,
        Opcode::STORE_FAST,
        Opcode::RETURN_VALUE,
        Opcode::SETUP_FINALLY,
        Opcode::POP_BLOCK,
        Opcode::TO_BOOL,
        Opcode::COPY,
        Opcode::POP_TOP,
    ];
    for _ in 0..3000 {
        let len = 1 + next(30) as usize;
        let instrs: Vec<Instr> = (0..len)
            .map(|_| {
                let opcode = if next(2) == 0 {
                    common[next(common.len() as u64) as usize]
                } else {
                    opcodes[next(opcodes.len() as u64) as usize]
                };
                let oparg = match next(10) {
                    0 => next(1 << 20) as i32,
                    1 => -(next(3) as i32),
                    _ => next(len as u64 + 1) as i32,
                };
                let line = next(5) as i32 - 1;
                Instr {
                    opcode,
                    oparg,
                    loc: Location::new(line, line, 0, 1),
                    except_handler: None,
                }
            })
            .collect();
        let mut consts: Vec<Constant> = (0..next(4))
            .map(|i| match i {
                0 => Constant::None,
                1 => Constant::int(next(3) as i64),
                _ => Constant::Bool(next(2) == 0),
            })
            .collect();
        let mut cfg = Cfg::from_sequence(InstructionSequence::from_resolved(instrs));
        let nlocals = next(70) as usize;
        if optimize_code_unit(&mut cfg, &mut consts, nlocals, next(3) as usize, 1).is_err() {
            continue;
        }
        let _ = cfg.to_sequence();
        let mut md = UnitMetadata::new("<random>");
        md.varnames = (0..next(3))
            .map(|i| PyString::new(&format!("v{i}")))
            .collect();
        md.cellvars = (0..next(3))
            .map(|i| PyString::new(&format!("v{i}")))
            .collect();
        md.freevars = (0..next(2))
            .map(|i| PyString::new(&format!("f{i}")))
            .collect();
        md.flags = CodeFlags(next(0x400) as u32);
        md.consts = consts;
        let _ = finalize(cfg, &md);
    }
}

/// `SWAP -2**31`: CPython wraps `oparg - 1` in `apply_static_swaps` and leaves the `SWAP`;
/// the stack-depth pass then refuses its stack effect.
#[test]
fn swap_of_most_negative_depth() {
    use Item::I;
    let seq = [
        I("LOAD_NAME", 0, 1),
        I("LOAD_NAME", 0, 1),
        I("SWAP", i32::MIN, 1),
        I("POP_TOP", 0, 1),
        I("STORE_FAST", 0, 1),
        I("RETURN_CONST", 0, 1),
    ];
    assert_eq!(
        back_end(&seq),
        Err("SystemError: Invalid stack effect for opcode=115, arg=-2147483648".to_owned())
    );
}

/// `UNPACK_SEQUENCE 2**31-1`: the stack depth reaches `i32::MAX`; past it, it wraps.
#[test]
fn unpack_of_largest_count() {
    use Item::I;
    let seq = [
        I("LOAD_CONST", 0, 1),
        I("UNPACK_SEQUENCE", i32::MAX, 1),
        I("RETURN_CONST", 0, 1),
    ];
    assert_eq!(
        back_end(&seq),
        Ok((2147483647, "5300477f47ff47ff75ff00006700".to_owned()))
    );
    // One item more: CPython's depth wraps negative, an underflow.
    let seq = [
        I("LOAD_CONST", 0, 1),
        I("UNPACK_SEQUENCE", i32::MAX, 1),
        I("UNPACK_SEQUENCE", i32::MAX, 1),
        I("RETURN_CONST", 0, 1),
    ];
    assert_eq!(
        back_end(&seq),
        Err("ValueError: Invalid CFG, stack underflow".to_owned())
    );
}

/// A run of `SWAP`s as deep as `2**31-1`, or of negative depth, is a `MemoryError` (CPython's
/// `swaptimize` fails to allocate its simulated stack).
#[test]
fn swap_runs_too_deep_to_simulate() {
    use Item::I;
    for (a, b) in [(i32::MAX, 2), (-3, -2)] {
        let seq = [
            I("LOAD_CONST", 0, 1),
            I("SWAP", a, 1),
            I("SWAP", b, 1),
            I("RETURN_CONST", 0, 1),
        ];
        assert_eq!(back_end(&seq), Err("MemoryError: ".to_owned()), "{a} {b}");
    }
}

/// A cycle of jumps to jumps: CPython threads it forever until memory runs out (its
/// `MemoryError` is then masked as "SystemError: <built-in function optimize_cfg> returned a
/// result with an exception set", as `jump_thread` drops the error); Taipan reports the
/// `MemoryError`.
#[test]
fn cycle_of_jumps_to_jumps() {
    use Item::{I, L};
    let seq = [
        I("LOAD_NAME", 0, 1),
        I("POP_JUMP_IF_TRUE", 1, 1),
        I("RETURN_CONST", 0, 1),
        L(1),
        I("JUMP", 2, 1),
        L(2),
        I("JUMP", 1, 1),
    ];
    assert_eq!(back_end(&seq), Err("MemoryError: ".to_owned()));
}

/// A cycle of blocks without line numbers ending in unconditional jumps: exit-block inlining
/// never settles (CPython: `MemoryError`).
#[test]
fn cycle_of_blocks_without_line_numbers() {
    use Item::{I, L};
    let seq = [
        I("LOAD_CONST", 0, 1),
        I("JUMP", 1, 1),
        L(1),
        I("NOP", 0, -1),
        I("JUMP", 2, -1),
        L(2),
        I("NOP", 0, -1),
        I("JUMP", 1, -1),
    ];
    assert_eq!(back_end(&seq), Err("MemoryError: ".to_owned()));
}

/// Malformed stacks are CPython's `ValueError`s.
#[test]
fn stack_underflow_and_inconsistent_depth() {
    use Item::{I, L};
    let underflow = [I("POP_TOP", 0, 1), I("RETURN_CONST", 0, 1)];
    assert_eq!(
        back_end(&underflow),
        Err("ValueError: Invalid CFG, stack underflow".to_owned())
    );
    let inconsistent = [
        I("LOAD_NAME", 0, 1),
        I("POP_JUMP_IF_TRUE", 1, 1),
        I("LOAD_CONST", 0, 1),
        L(1),
        I("RETURN_CONST", 0, 1),
    ];
    assert_eq!(
        back_end(&inconsistent),
        Err("ValueError: Invalid CFG, inconsistent stackdepth".to_owned())
    );
}
