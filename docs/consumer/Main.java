package com.example.blog;

import java.sql.Connection;
import java.sql.DriverManager;

public final class Main {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0])) {
            for (PostSearch.PostRow p : PostSearch.searchPosts(c, "django", null)) {
                System.out.println(p.id() + " " + p.title() + " by " + p.author().name() + " " + p.tags().size() + " tags");
            }
            System.out.println(PostSearch.searchPostsAsync(c, "django", null).get().size() + " rows async");
        }
    }
}
